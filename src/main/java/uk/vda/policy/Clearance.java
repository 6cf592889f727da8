package uk.vda.policy;

import java.time.LocalDate;

/** One vetting line a person holds, as stated in the request; {@code index} is its place in the request. */
public record Clearance(
        int index,
        VettingLevel level,
        ClearanceStatus status,
        LocalDate grantedOn,
        LocalDate reviewDue,
        String sponsor,
        LocalDate lapsedOn) {}
