package uk.vda.policy;

/**
 * How a table cell matches a fact value, for the rules generated from tables: {@code ANY} matches every value,
 * {@code YES}/{@code NO} match booleans, anything else must equal the enum constant's name.
 */
public final class Cells {
    public static final String ANY = "ANY";

    private Cells() {}

    public static boolean matches(String cell, Enum<?> value) {
        return ANY.equals(cell) || (value != null && value.name().equals(cell));
    }

    public static boolean matches(String cell, boolean value) {
        return ANY.equals(cell) || (value ? "YES" : "NO").equals(cell);
    }
}
