package io.github.directdelivery.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Command-line options of the form {@code --name=value}, each with a default. An unknown name or
 * a value of the wrong type is rejected with a message that names it.
 */
public final class Options {

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses {@code args} against {@code defaults}, which also lists the accepted names.
     *
     * @throws IllegalArgumentException if an argument is not {@code --name=value} or names no option
     */
    public static Options parse(String[] args, Map<String, String> defaults) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("expected --name=value, not \"" + arg + "\"");
            }
            String name = arg.substring(2, equals);
            if (!defaults.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; the options are --"
                        + String.join(", --", new TreeSet<>(defaults.keySet())));
            }
            values.put(name, arg.substring(equals + 1));
        }
        return new Options(values);
    }

    /** Returns the value of option {@code name}. */
    public String string(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("unknown option --" + name);
        }
        return value;
    }

    /**
     * Returns the value of option {@code name} as a positive integer.
     *
     * @throws IllegalArgumentException if the value is not a positive integer
     */
    public int positiveInt(String name) {
        String value = string(name);
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below with the option's name.
        }
        throw new IllegalArgumentException("--" + name + " must be a positive integer, not \"" + value + "\"");
    }

    /**
     * Returns the value of option {@code name} as an integer of zero or more.
     *
     * @throws IllegalArgumentException if the value is not such an integer
     */
    public int nonNegativeInt(String name) {
        String value = string(name);
        try {
            int number = Integer.parseInt(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below with the option's name.
        }
        throw new IllegalArgumentException("--" + name + " must be zero or a positive integer, not \"" + value + "\"");
    }
}
