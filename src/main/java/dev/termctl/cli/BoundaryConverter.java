package dev.termctl.cli;

import dev.termctl.core.Boundary;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Boundary names as they appear on the command line; also the completion candidates. */
final class BoundaryConverter implements ITypeConverter<Boundary>, Iterable<String> {
    @Override
    public Boundary convert(String value) {
        Boundary b = Boundary.byLabel(value);
        if (b == null) {
            throw new TypeConversionException("'" + value + "' is not a boundary; use one of: " + String.join(", ", this));
        }
        return b;
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
