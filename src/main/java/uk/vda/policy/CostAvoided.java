package uk.vda.policy;

/** Derived: the cost (GBP, min and max) and lead time that not making the request avoids. */
public record CostAvoided(int min, int max, int leadTimeDays) {}
