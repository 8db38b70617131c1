package org.icesim.stun;

import org.icesim.net.Payload;

/** A payload of {@code size} zero bytes, standing in for media in tests. */
record ZeroPayload(int size) implements Payload {
}
