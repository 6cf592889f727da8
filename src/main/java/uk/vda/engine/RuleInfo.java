package uk.vda.engine;

/** One compiled rule: its stable name, the file it came from (a table for generated rules), and its metadata. */
public record RuleInfo(String name, String file, String description, String source) {
}
