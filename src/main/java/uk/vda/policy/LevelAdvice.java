package uk.vda.policy;

/**
 * Derived from the vetting-levels table for a level an answer needs: how to obtain it (an instruction, e.g. that
 * BPSS is the employer's check, not a vetting request) and the years of UK residence it normally needs (0: none).
 */
public record LevelAdvice(VettingLevel level, String obtain, int ukResidenceYears) {}
