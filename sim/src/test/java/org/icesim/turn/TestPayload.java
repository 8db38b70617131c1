package org.icesim.turn;

import org.icesim.net.Payload;

/** Application data of {@code size} bytes, numbered so a test can tell packets apart. */
record TestPayload(int seq, int size) implements Payload {
}
