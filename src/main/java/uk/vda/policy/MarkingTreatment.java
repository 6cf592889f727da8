package uk.vda.policy;

/** Derived: how a marking of one scheme is treated under the current scheme, with a note saying how. */
public record MarkingTreatment(Marking value, Scheme scheme, Marking treatedAs, String note) {}
