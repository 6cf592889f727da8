package uk.vda.policy;

import java.time.LocalDate;

/** The date the question is answered for. */
public record Evaluation(LocalDate asOf) {}
