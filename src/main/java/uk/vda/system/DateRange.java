package uk.vda.system;

import java.time.LocalDate;

/**
 * The dates a request may carry: 1900-01-01 to 2200-12-31. Wide enough for any clearance, review or question
 * date; a year like +999999999 is a typing or fuzzing accident, and reached the rules' date arithmetic as an
 * evaluation error.
 */
public final class DateRange {
    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2200, 12, 31);
    /** What a date field must hold, in the words of an error message. */
    public static final String FORM = "a real date in the form YYYY-MM-DD, from " + EARLIEST + " to " + LATEST;

    private DateRange() {}

    public static boolean contains(LocalDate date) {
        return !date.isBefore(EARLIEST) && !date.isAfter(LATEST);
    }
}
