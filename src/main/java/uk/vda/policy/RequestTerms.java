package uk.vda.policy;

/**
 * Derived from the vetting-levels table for the requested level: what it would count as, and its kind (NATIONAL,
 * PROXIMITY, POLICE_STAFF or FORCE), which says which ladder a request is judged on.
 */
public record RequestTerms(VettingLevel level, VettingLevel countsAs, VettingLevel policeEquivalent, String kind) {}
