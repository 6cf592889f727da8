package uk.vda.policy;

/**
 * Vetting levels, national and police. {@link #getRank()} orders a level within its own ladder only:
 * NONE &lt; BPSS &lt; SC &lt; DV nationally, NONE &lt; NPPV1 &lt; NPPV2_ABBREVIATED &lt; NPPV2_FULL &lt; NPPV3 for the police.
 * What each level counts as for information is policy, in {@code rules/vetting/vetting-levels.csv}.
 */
public enum VettingLevel {
    NONE(0, "No vetting"),
    BPSS(1, "Baseline Personnel Security Standard: a pre-employment check, not a clearance"),
    CTC(1, "Counter Terrorist Check: for proximity to people or places at risk, not for information"),
    SC(2, "Security Check (national security vetting)"),
    DV(3, "Developed Vetting (national security vetting)"),
    RV(1, "Police Recruitment Vetting"),
    MV(3, "Police Management Vetting"),
    NPPV1(1, "Non Police Personnel Vetting level 1: police premises only"),
    NPPV2_ABBREVIATED(2, "Non Police Personnel Vetting level 2 (abbreviated): limited police material, no systems"),
    NPPV2_FULL(3, "Non Police Personnel Vetting level 2 (full)"),
    NPPV3(4, "Non Police Personnel Vetting level 3");

    private final int rank;
    private final String description;

    VettingLevel(int rank, String description) {
        this.rank = rank;
        this.description = description;
    }

    public int getRank() {
        return rank;
    }

    public String getDescription() {
        return description;
    }
}
