package dev.termctl.cli.option;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Counts (--expect-nodes, --last) in termctl's words, as the fast path checks them ({@link Values#count}). */
public final class CountConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        try {
            return Values.count(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
