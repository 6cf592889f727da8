package uk.vda.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * What of a request or an answer reaches the audit trail: its JSON with person identifiers pseudonymised and
 * names dropped ({@link AuditProperties#pseudonymisedFields()}, {@link AuditProperties#droppedFields()}).
 *
 * <p>Every answer passes through here twice (its request and its answer). Most answers hold no field that is
 * scrubbed: a decision's answer names rules, markings and document ids, never the person. So the value is written
 * once, and only when its JSON holds, quoted, the name of a field that could be scrubbed ({@code "name"}, or for
 * {@code person.id} the parent {@code "person"}) is it scrubbed. Looking for the quoted name, not for
 * {@code "name":}, errs one way only: whatever the mapper's layout, every such property is found, and a string
 * value that equals a name just takes the slower way too. The slower way (every request: it names a person) reads
 * the written JSON back token by token and writes it again without the dropped properties and with pseudonyms,
 * keeping every other token as it was: what a tree read, edited and written again gives, without building the
 * tree (ScrubberTest checks the two agree; docs/decisions/0011, 0019).
 */
final class Scrubber {
    /** The parent of the top level's members: no property name can be this very object. */
    private static final String NO_PARENT = new String("");

    private final JsonMapper json;
    private final boolean pseudonymise;
    private final List<String> pseudonymised;
    private final List<String> dropped;
    /** The parents named in parent.name fields: only inside these is a parent.name looked up. */
    private final Set<String> dottedParents = new HashSet<>();

    private final UnaryOperator<String> pseudonym;
    /** Every property name whose presence means the JSON may need scrubbing. */
    private final Set<String> names;
    /** {@code "name"} in UTF-8 for every property name whose presence means the JSON may need scrubbing. */
    private final byte[][] triggers;
    /** Which bytes begin a trigger's name: most quotes are passed over on one look-up. */
    private final boolean[] firstLetters = new boolean[256];

    Scrubber(JsonMapper json, AuditProperties properties, UnaryOperator<String> pseudonym) {
        this.json = json;
        this.pseudonymise = properties.pseudonymise();
        this.pseudonymised = List.copyOf(properties.pseudonymisedFields());
        this.dropped = List.copyOf(properties.droppedFields());
        this.pseudonym = pseudonym;
        names = new LinkedHashSet<>(dropped);
        if (pseudonymise) {
            for (String field : pseudonymised) {
                int dot = field.indexOf('.');
                // parent.name applies only inside a property called parent, so that is the name to look for
                names.add(dot < 0 ? field : field.substring(0, dot));
                if (dot >= 0) {
                    dottedParents.add(field.substring(0, dot));
                }
            }
        }
        List<byte[]> patterns = new ArrayList<>();
        for (String name : names) {
            patterns.add(json.writeValueAsString(name).getBytes(StandardCharsets.UTF_8));
        }
        this.triggers = patterns.toArray(byte[][]::new);
        for (byte[] trigger : triggers) {
            firstLetters[trigger[1] & 0xFF] = true;
        }
    }

    /** The value as UTF-8 JSON, scrubbed. */
    byte[] json(Object value) {
        byte[] written = json.writeValueAsBytes(value);
        return mayNeedScrubbing(written) ? scrub(written) : written;
    }

    /** Whether a property of this name may be scrubbed (dropped, or pseudonymised or holding one that is). */
    boolean isScrubbedName(String name) {
        return names.contains(name);
    }

    /** Whether this answer's JSON needs scrubbing at all (false for nearly every answer). */
    boolean mayNeedScrubbing(byte[] utf8) {
        return mayNeedScrubbing(utf8, 0, utf8.length);
    }

    /**
     * JSON already written by this mapper, scrubbed: copied token by token, a dropped property skipped with all it
     * holds, a pseudonymised string replaced. {@code context} holds, for each open object or array, the property
     * name its members are checked under: an object's own property name, or for an array's elements the array's.
     */
    byte[] scrub(byte[] written) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(written.length);
        try (JsonParser in = json.createParser(written);
                JsonGenerator gen = json.createGenerator(out)) {
            ArrayDeque<String> context = new ArrayDeque<>();
            JsonToken token;
            while ((token = in.nextToken()) != null) {
                switch (token) {
                    case PROPERTY_NAME -> {
                        String property = in.currentName();
                        JsonToken value = in.nextToken();
                        if (dropped.contains(property)) {
                            in.skipChildren();
                            continue;
                        }
                        gen.writeName(property);
                        if (value == JsonToken.VALUE_STRING
                                && pseudonymise
                                && pseudonymised(context.peek(), property)) {
                            gen.writeString(pseudonym.apply(in.getString()));
                            continue;
                        }
                        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                            context.push(property);
                        }
                        gen.copyCurrentEvent(in);
                        continue;
                    }
                    case START_OBJECT, START_ARRAY -> context.push(context.isEmpty() ? NO_PARENT : context.peek());
                    case END_OBJECT, END_ARRAY -> context.pop();
                    default -> {}
                }
                gen.copyCurrentEvent(in);
            }
        }
        return out.toByteArray();
    }

    boolean mayNeedScrubbing(byte[] utf8, int from, int to) {
        for (int i = from; i < to - 1; i++) {
            if (utf8[i] != '"' || !firstLetters[utf8[i + 1] & 0xFF]) {
                continue;
            }
            for (byte[] trigger : triggers) {
                if (startsAt(utf8, i, to, trigger)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsAt(byte[] data, int from, int to, byte[] pattern) {
        if (from + pattern.length > to) {
            return false;
        }
        for (int j = 1; j < pattern.length; j++) {
            if (data[from + j] != pattern[j]) {
                return false;
            }
        }
        return true;
    }

    private boolean pseudonymised(String parent, String name) {
        return pseudonymised.contains(name)
                || (parent != NO_PARENT
                        && dottedParents.contains(parent)
                        && pseudonymised.contains(parent + "." + name));
    }
}
