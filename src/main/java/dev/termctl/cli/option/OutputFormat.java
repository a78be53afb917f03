package dev.termctl.cli.option;

import dev.termctl.cli.render.Renderer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The forms -o/--output names: text for people, JSON for programs, Prometheus for monitoring. */
public enum OutputFormat {
    TEXT(Renderer.Format.TEXT), JSON(Renderer.Format.JSON), PROMETHEUS(Renderer.Format.PROMETHEUS);

    final Renderer.Format format;

    OutputFormat(Renderer.Format format) {
        this.format = format;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code value} on the command line. */
    static OutputFormat of(String value) {
        for (OutputFormat f : values()) {
            if (f.label().equals(value)) {
                return f;
            }
        }
        StringBuilder labels = new StringBuilder();
        for (OutputFormat f : values()) {
            labels.append(labels.length() == 0 ? "" : ", ").append(f.label());
        }
        throw new IllegalArgumentException("'" + value + "' is not an output format; use one of: " + labels);
    }

    /** picocli's converter, and the completion candidates. */
    static final class Converter implements ITypeConverter<OutputFormat>, Iterable<String> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return of(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        @Override
        public Iterator<String> iterator() {
            List<String> labels = new ArrayList<>();
            for (OutputFormat f : values()) {
                labels.add(f.label());
            }
            return labels.iterator();
        }
    }
}
