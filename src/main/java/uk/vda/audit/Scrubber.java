package uk.vda.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What of a request or an answer reaches the audit trail: its JSON with person identifiers pseudonymised and
 * names dropped ({@link AuditProperties#pseudonymisedFields()}, {@link AuditProperties#droppedFields()}).
 *
 * <p>The value is written once, and read back as a tree and scrubbed only when its JSON holds, quoted, the name
 * of a field that could be scrubbed ({@code "name"}, or for {@code person.id} the parent {@code "person"}): most
 * answers name no person, and a tree per answer was a measurable cost (docs/decisions/0011). Looking for the
 * quoted name errs one way only: every such property is found, and a string value equal to a name just takes
 * the slow way too.
 */
final class Scrubber {
    private final JsonMapper json;
    private final boolean pseudonymise;
    private final List<String> pseudonymised;
    private final List<String> dropped;
    private final UnaryOperator<String> pseudonym;
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
        Set<String> names = new LinkedHashSet<>(dropped);
        if (pseudonymise) {
            for (String field : pseudonymised) {
                int dot = field.indexOf('.');
                // parent.name applies only inside a property called parent, so that is the name to look for
                names.add(dot < 0 ? field : field.substring(0, dot));
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
        if (!mayNeedScrubbing(written)) {
            return written;
        }
        JsonNode tree = json.readTree(written);
        scrub(tree, null);
        return json.writeValueAsBytes(tree);
    }

    boolean mayNeedScrubbing(byte[] utf8) {
        for (int i = 0; i < utf8.length - 1; i++) {
            if (utf8[i] != '"' || !firstLetters[utf8[i + 1] & 0xFF]) {
                continue;
            }
            for (byte[] trigger : triggers) {
                if (startsAt(utf8, i, trigger)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsAt(byte[] data, int from, byte[] pattern) {
        if (from + pattern.length > data.length) {
            return false;
        }
        for (int j = 1; j < pattern.length; j++) {
            if (data[from + j] != pattern[j]) {
                return false;
            }
        }
        return true;
    }

    private void scrub(JsonNode node, String parent) {
        if (node instanceof ObjectNode object) {
            for (String name : dropped) {
                object.remove(name);
            }
            List<String> names = new ArrayList<>();
            object.propertyNames().forEach(names::add);
            for (String name : names) {
                JsonNode child = object.get(name);
                if (pseudonymise && child.isString() && pseudonymised(parent, name)) {
                    object.put(name, pseudonym.apply(child.asString()));
                } else {
                    scrub(child, name);
                }
            }
        } else if (node != null && node.isArray()) {
            for (JsonNode element : node) {
                scrub(element, parent);
            }
        }
    }

    private boolean pseudonymised(String parent, String name) {
        return pseudonymised.contains(name) || (parent != null && pseudonymised.contains(parent + "." + name));
    }
}
