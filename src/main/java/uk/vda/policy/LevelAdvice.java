package uk.vda.policy;

/**
 * From the vetting-levels table, for one level: how to obtain it (an instruction, e.g. that BPSS is the employer's
 * check, not a vetting request) and the years of UK residence it normally needs (0: none). The table's rules insert
 * one for every level when a session starts; a rule looks up the level an answer needs.
 */
public record LevelAdvice(VettingLevel level, String obtain, int ukResidenceYears) {}
