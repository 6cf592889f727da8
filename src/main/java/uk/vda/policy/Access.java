package uk.vda.policy;

/** The access asked for, as stated; {@code frequency} is null when the request did not say. */
public record Access(Frequency frequency) {
}
