package uk.vda.policy;

/** The access asked for, as stated; {@code frequency} and {@code via} are null when the request did not say. */
public record Access(Frequency frequency, AccessRoute via) {
    public Access(Frequency frequency) {
        this(frequency, null);
    }
}
