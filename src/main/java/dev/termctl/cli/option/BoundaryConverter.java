package dev.termctl.cli.option;

import dev.termctl.core.Boundary;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Boundary names as they appear on the command line; also the completion candidates. */
public final class BoundaryConverter implements ITypeConverter<Boundary>, Iterable<String> {
    @Override
    public Boundary convert(String value) {
        try {
            return Values.boundary(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    @Override
    public Iterator<String> iterator() {
        List<String> labels = new ArrayList<>();
        for (Boundary b : Boundary.values()) {
            labels.add(b.label());
        }
        return labels.iterator();
    }
}
