package org.icesim.nat;

import org.icesim.net.Payload;
import org.icesim.net.TcpHeader;

/** Payloads for tests: opaque datagrams and TCP segments with flags. */
final class TestPayloads {
    private TestPayloads() {
    }

    /** An opaque payload of {@code size} bytes. */
    record Datagram(int size) implements Payload {
    }

    /** A TCP segment carrying {@code flags} and {@code size} bytes of data. */
    record Segment(int flags, int size) implements Payload, TcpHeader {
        @Override
        public long sequenceNumber() {
            return 0;
        }

        @Override
        public long acknowledgementNumber() {
            return 0;
        }

        @Override
        public int window() {
            return 65535;
        }
    }
}
