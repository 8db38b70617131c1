package org.icesim.net.tcp;

import java.nio.ByteBuffer;
import org.icesim.net.Payload;

/** An application message for tests: a name and a size; its bytes are the name's first letter. */
record TestMessage(String name, int size) implements Payload {

    @Override
    public void encode(ByteBuffer out) {
        for (int i = 0; i < size; i++) {
            out.put((byte) name.charAt(0));
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
