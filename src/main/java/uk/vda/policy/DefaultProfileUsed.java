package uk.vda.policy;

import java.util.Set;

/** The request gave no access profile, so the roles' typical profiles were used. */
public record DefaultProfileUsed(Set<String> roles) {}
