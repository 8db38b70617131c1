package org.icesim.nat;

import java.util.Locale;
import java.util.StringJoiner;

/** The kebab-case spelling of enum constants used in scenario files, and parsing back from it. */
final class KebabNames {

    private KebabNames() {
    }

    /** {@code ADDRESS_AND_PORT_DEPENDENT} becomes {@code address-and-port-dependent}. */
    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant whose kebab-case name is {@code text} (case and surrounding blanks ignored).
     *
     * @param what what is being parsed, for the error message (e.g. "NAT mapping behaviour")
     * @throws IllegalArgumentException naming {@code what}, the allowed names and the text given
     */
    static <E extends Enum<E>> E parse(String what, E[] values, String text) {
        if (text != null) {
            String wanted = text.trim().toLowerCase(Locale.ROOT);
            for (E value : values) {
                if (of(value).equals(wanted)) {
                    return value;
                }
            }
        }
        throw new IllegalArgumentException(what + " must be one of " + list(values) + ", was '" + text + "'");
    }

    /** The kebab-case names of {@code values}, comma-separated, in declaration order. */
    static String list(Enum<?>[] values) {
        StringJoiner names = new StringJoiner(", ");
        for (Enum<?> value : values) {
            names.add(of(value));
        }
        return names.toString();
    }
}
