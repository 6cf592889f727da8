package uk.vda.system;

/**
 * Writing CSV cells the way spreadsheets read them back: quoted when they hold a comma, quote or line break, or a
 * semicolon or tab (the separators spreadsheets use in locales where the comma is the decimal mark: unquoted,
 * {@code x;=cmd|...} would open there as two cells, the second a formula), and never run as a formula. A text
 * cell that starts with {@code = + - @}, a tab or a carriage return is what Excel, LibreOffice and Google Sheets
 * take for a formula (CSV injection: {@code =HYPERLINK(...)} in a person's or a
 * document's identifier), so it is written with a leading apostrophe, which spreadsheets show as text. Numbers
 * are written as they are.
 */
public final class Csv {
    private Csv() {}

    public static String cell(Object value) {
        String s = value == null ? "" : value.toString();
        if (!(value instanceof Number) && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return s.contains(",")
                        || s.contains("\"")
                        || s.contains("\n")
                        || s.contains("\r")
                        || s.contains(";")
                        || s.contains("\t")
                ? '"' + s.replace("\"", "\"\"") + '"'
                : s;
    }
}
