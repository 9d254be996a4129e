package io.github.directdelivery.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * Builds compact JSON text (RFC 8259) in the order of the calls, inserting the commas. Strings are
 * escaped as RFC 8259 §7 requires; other characters, non-ASCII included, are written as they are.
 * The caller keeps the calls balanced; the writer does not check the structure.
 */
final class JsonWriter {

    private final StringBuilder out = new StringBuilder();
    // One entry per open object or array: whether it has no member or element yet.
    private final Deque<Boolean> empty = new ArrayDeque<>();
    private boolean afterName;

    JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        empty.push(true);
        return this;
    }

    JsonWriter endObject() {
        empty.pop();
        out.append('}');
        return this;
    }

    JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        empty.push(true);
        return this;
    }

    JsonWriter endArray() {
        empty.pop();
        out.append(']');
        return this;
    }

    /** Writes a member name; the next call writes its value. */
    JsonWriter name(String name) {
        separate();
        appendString(name);
        out.append(':');
        afterName = true;
        return this;
    }

    /** Writes a string, or {@code null} when {@code value} is null. */
    JsonWriter value(@Nullable String value) {
        beforeValue();
        if (value == null) {
            out.append("null");
        } else {
            appendString(value);
        }
        return this;
    }

    /** Writes a number, or {@code null} when {@code value} is null. */
    JsonWriter value(@Nullable Integer value) {
        beforeValue();
        out.append(value == null ? "null" : value.toString());
        return this;
    }

    JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** Returns the text written so far. */
    @Override
    public String toString() {
        return out.toString();
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
        } else {
            separate();
        }
    }

    private void separate() {
        if (empty.isEmpty()) {
            return;
        }
        if (!empty.pop()) {
            out.append(',');
        }
        empty.push(false);
    }

    private void appendString(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
