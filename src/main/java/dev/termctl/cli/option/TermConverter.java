package dev.termctl.cli.option;

import dev.termctl.core.Term;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** TERM arguments: ASCII digits only, 0 to 18446744073709551615. */
public final class TermConverter implements ITypeConverter<Term> {
    @Override
    public Term convert(String value) {
        try {
            return Values.term(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
