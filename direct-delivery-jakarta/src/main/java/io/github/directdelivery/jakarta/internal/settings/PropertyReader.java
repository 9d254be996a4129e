package io.github.directdelivery.jakarta.internal.settings;

import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code mail.mx.*} entries of a copy of the session properties and collects every
 * problem, so one exception can name them all.
 */
final class PropertyReader {

    /**
     * Properties that users of Angus Mail's {@code smtp} transport may carry over, with the
     * property to use instead.
     */
    private static final Map<String, String> REPLACEMENTS = Map.of(
            MxProperty.PREFIX + "host",
                    "the mx transport finds each recipient domain's MX hosts itself;"
                            + " set mail.mx.relay.host for a fallback relay",
            MxProperty.PREFIX + "user",
                    "MX hosts are never sent credentials; set mail.mx.relay.user for a fallback relay",
            MxProperty.PREFIX + "password",
                    "MX hosts are never sent credentials; set mail.mx.relay.password for a fallback relay",
            MxProperty.PREFIX + "connectiontimeout", "use mail.mx.timeout.connect",
            MxProperty.PREFIX + "writetimeout", "use mail.mx.timeout.write",
            MxProperty.PREFIX + "starttls.enable", "use mail.mx.tls",
            MxProperty.PREFIX + "starttls.required", "use mail.mx.tls",
            MxProperty.PREFIX + "spool", "use mail.mx.spool.directory",
            MxProperty.PREFIX + "spooldir", "use mail.mx.spool.directory");

    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();
    private final Map<MxProperty, Object> parsed = new EnumMap<>(MxProperty.class);

    private PropertyReader(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Copies the {@code mail.mx.*} entries, including defaults and entries whose value is not a
     * string (such as an {@code Integer} put into the properties), which are read as their text.
     */
    static PropertyReader of(Properties properties) {
        Map<String, String> values = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(MxProperty.PREFIX)) {
                values.put(name, properties.getProperty(name));
            }
        }
        for (Map.Entry<Object, Object> entry : properties.entrySet()) {
            if (entry.getKey() instanceof String name
                    && name.startsWith(MxProperty.PREFIX)
                    && !(entry.getValue() instanceof String)) {
                values.put(name, String.valueOf(entry.getValue()));
            }
        }
        return new PropertyReader(values);
    }

    /** Returns whether the property is set. */
    boolean isSet(MxProperty property) {
        return values.containsKey(property.key());
    }

    /** Returns the parsed value, or null when the property is not set or its value is invalid. */
    <T> @Nullable T read(MxProperty property, Values.Parser<T> parser) {
        String value = values.get(property.key());
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        try {
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("the value is empty");
            }
            T result = parser.parse(trimmed);
            parsed.put(property, result);
            return result;
        } catch (IllegalArgumentException e) {
            reject(property, e.getMessage());
            return null;
        }
    }

    /** Parses the value when the property is set and passes it to {@code setter}, which may reject it. */
    <T> void apply(MxProperty property, Values.Parser<T> parser, Consumer<T> setter) {
        T value = read(property, parser);
        if (value == null) {
            return;
        }
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            reject(property, e.getMessage());
        }
    }

    /** Returns the valid values read so far, by property. */
    Map<MxProperty, Object> parsedValues() {
        return Map.copyOf(parsed);
    }

    /** Returns the trimmed text of every {@code mail.mx.*} entry, by name. */
    Map<String, String> texts() {
        Map<String, String> texts = new TreeMap<>();
        values.forEach((name, value) -> texts.put(name, value.trim()));
        return texts;
    }

    /** Records that the value of a property is invalid, with the reason, the value and the accepted values. */
    void reject(MxProperty property, @Nullable String reason) {
        String value = values.getOrDefault(property.key(), "").trim();
        StringBuilder problem = new StringBuilder("Invalid ").append(property.key());
        problem.append(property.isSecret() ? " (value hidden)" : " \"" + value + "\"");
        if (reason != null) {
            problem.append(": ").append(reason);
        }
        problem.append(". Expected ").append(property.accepted()).append('.');
        problems.add(problem.toString());
    }

    /** Records a problem that involves several properties. */
    void problem(String description) {
        problems.add(description);
    }

    /**
     * Checks the names of the properties and throws if any problem was recorded.
     *
     * @throws MessagingException naming every invalid value and unknown property
     */
    void finish() throws MessagingException {
        for (String name : values.keySet()) {
            if (MxProperty.byKey(name).isEmpty()) {
                problems.add(unknown(name));
            }
        }
        if (!problems.isEmpty()) {
            throw new MessagingException(String.join(" ", problems));
        }
    }

    private static String unknown(String name) {
        String replacement = REPLACEMENTS.get(name);
        if (replacement != null) {
            return "Unknown property " + name + ": " + replacement + ".";
        }
        String closest = closestKey(name);
        String hint = closest != null ? " Did you mean " + closest + "?" : "";
        return "Unknown property " + name + "." + hint + " The mx transport reads "
                + String.join(", ", MxProperty.keys()) + ".";
    }

    /** Returns the known name nearest to a misspelt one, or null when none is near. */
    private static @Nullable String closestKey(String name) {
        String closest = null;
        int best = Integer.MAX_VALUE;
        for (String key : MxProperty.keys()) {
            int distance = editDistance(name, key);
            if (distance < best) {
                best = distance;
                closest = key;
            }
        }
        // Beyond three edits a suggestion is more often wrong than helpful.
        return best <= 3 ? closest : null;
    }

    /**
     * Returns the optimal string alignment distance: the fewest insertions, deletions,
     * substitutions and swaps of adjacent characters, the usual typing mistakes.
     */
    private static int editDistance(String a, String b) {
        int[][] distance = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            distance[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            distance[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best =
                        Math.min(distance[i - 1][j - 1] + cost, Math.min(distance[i - 1][j], distance[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, distance[i - 2][j - 2] + 1);
                }
                distance[i][j] = best;
            }
        }
        return distance[a.length()][b.length()];
    }
}
