package uk.vda.policy;

/** A handling obligation that comes with a PERMIT; {@code order} keeps a table row's conditions in order. */
public record HandlingCondition(String rule, int order, String text) {}
