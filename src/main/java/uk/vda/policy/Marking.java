package uk.vda.policy;

import java.util.List;

/**
 * A protective marking value of either scheme. SECRET and TOP_SECRET exist in both schemes and mean the same;
 * which scheme they are read under when a request does not say is policy, in {@code rules/markings/markings.drl}.
 */
public enum Marking {
    NOT_PROTECTIVELY_MARKED("GPMS: no protective marking", Scheme.GPMS),
    UNCLASSIFIED("GPMS: unclassified, the same as not protectively marked", Scheme.GPMS),
    PROTECT("GPMS: below RESTRICTED, often with the descriptor PERSONAL", Scheme.GPMS),
    RESTRICTED("GPMS: compromise would be likely to affect individuals or police operations", Scheme.GPMS),
    CONFIDENTIAL("GPMS: compromise would damage operations; ambiguous under GSC", Scheme.GPMS),
    SECRET("GPMS and GSC: serious damage; very sensitive information", Scheme.GPMS, Scheme.GSC),
    TOP_SECRET("GPMS and GSC: the most sensitive information, exceptionally grave damage", Scheme.GPMS, Scheme.GSC),
    OFFICIAL("GSC: the majority of public-sector information", Scheme.GSC),
    OFFICIAL_SENSITIVE("GSC: OFFICIAL information whose loss would be particularly damaging", Scheme.GSC);

    private final String description;
    private final List<Scheme> schemes;

    Marking(String description, Scheme... schemes) {
        this.description = description;
        this.schemes = List.of(schemes);
    }

    public String getDescription() {
        return description;
    }

    public List<Scheme> getSchemes() {
        return schemes;
    }

    public boolean belongsTo(Scheme scheme) {
        return schemes.contains(scheme);
    }

    /** The one scheme a value belongs to; null for values both schemes use (SECRET, TOP_SECRET). */
    public Scheme onlyScheme() {
        return schemes.size() == 1 ? schemes.get(0) : null;
    }
}
