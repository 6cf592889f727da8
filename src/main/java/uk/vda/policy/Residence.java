package uk.vda.policy;

/** Years of UK residence stated in an assessment; absent when not given. */
public record Residence(int ukYears) {}
