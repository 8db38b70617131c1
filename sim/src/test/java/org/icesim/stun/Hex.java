package org.icesim.stun;

import java.util.HexFormat;

/** Test helper: hex with spaces and line breaks, as RFCs print it, to bytes. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }
}
