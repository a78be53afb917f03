package dev.termctl.cli.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.termctl.core.Term;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** One-line JSON objects for --json output. Terms are written as exact JSON integers. */
public final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final StringWriter text = new StringWriter();
    private final JsonGenerator gen;

    private Json() {
        try {
            gen = FACTORY.createGenerator(text);
            gen.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Json object() {
        return new Json();
    }

    /** A line (or part of one) of JSON text, printed as JSON: {@link TerminalText} keeps it valid JSON. */
    public record Line(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    public Json put(String name, String value) {
        try {
            if (value == null) {
                gen.writeNullField(name);
            } else {
                gen.writeStringField(name, value);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Json put(String name, Term value) {
        try {
            gen.writeFieldName(name);
            if (value == null) {
                gen.writeNull();
                return this;
            }
            gen.writeNumber(value.toString());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code name} with an array of strings. */
    Json put(String name, java.util.List<String> values) {
        try {
            gen.writeArrayFieldStart(name);
            for (String v : values) {
                gen.writeString(v);
            }
            gen.writeEndArray();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Json put(String name, boolean value) {
        try {
            gen.writeBooleanField(name, value);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Json put(String name, long value) {
        try {
            gen.writeNumberField(name, value);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the object and returns its members without the braces, to splice into a streamed object. */
    public String members() {
        String object = end().toString();
        return object.substring(1, object.length() - 1);
    }

    /** Closes the object and returns it as one line. */
    public Line end() {
        try {
            gen.writeEndObject();
            gen.close();
            return new Line(text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
