package uk.vda.policy;

/**
 * Vetting levels, national and police: names the rules and tables use. Their order (the national and force
 * ladders, {@link Ladder}) and what each counts as are policy, in {@code rules/vetting/vetting-levels.csv}; what each
 * is, in {@code rules/catalogue/labels.csv}.
 */
public enum VettingLevel {
    NONE,
    BPSS,
    CTC,
    SC,
    DV,
    RV,
    MV,
    NPPV1,
    NPPV2_ABBREVIATED,
    NPPV2_FULL,
    NPPV3
}
