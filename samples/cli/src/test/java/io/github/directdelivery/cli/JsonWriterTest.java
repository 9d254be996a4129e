package io.github.directdelivery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void nestedObjectsAndArraysGetCommas() {
        String json = new JsonWriter()
                .beginObject()
                .name("a")
                .value(1)
                .name("b")
                .beginArray()
                .value("x")
                .nullValue()
                .value(true)
                .beginObject()
                .endObject()
                .endArray()
                .name("c")
                .value((String) null)
                .endObject()
                .toString();

        assertThat(json).isEqualTo("{\"a\":1,\"b\":[\"x\",null,true,{}],\"c\":null}");
    }

    @Test
    void stringsAreEscaped() {
        String json = new JsonWriter()
                .value("quote \" backslash \\ newline \n return \r tab \t bell \u0007 é")
                .toString();

        assertThat(json).isEqualTo("\"quote \\\" backslash \\\\ newline \\n return \\r tab \\t bell \\u0007 é\"");
    }
}
