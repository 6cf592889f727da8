package uk.vda.system;

/** Writing CSV cells the way spreadsheets read them back: quoted when they hold a comma, quote or line break. */
public final class Csv {
    private Csv() {
    }

    public static String cell(Object value) {
        String s = value == null ? "" : value.toString();
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
