package org.icesim.webrtc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.icesim.kernel.Scheduler;

/** One end of a lossless signaling channel whose messages arrive after a fixed delay, in order. */
public final class InMemorySignalingChannel implements SignalingChannel {

    private final Scheduler scheduler;
    private final long delayNanos;
    private InMemorySignalingChannel remote;
    private Consumer<SignalingMessage> receiver;
    /** Every message sent from this end, in order. */
    final List<SignalingMessage> sent = new ArrayList<>();

    private InMemorySignalingChannel(Scheduler scheduler, long delayNanos) {
        this.scheduler = scheduler;
        this.delayNanos = delayNanos;
    }

    /** Two connected ends. */
    public static InMemorySignalingChannel[] pair(Scheduler scheduler, long delayNanos) {
        InMemorySignalingChannel a = new InMemorySignalingChannel(scheduler, delayNanos);
        InMemorySignalingChannel b = new InMemorySignalingChannel(scheduler, delayNanos);
        a.remote = b;
        b.remote = a;
        return new InMemorySignalingChannel[] {a, b};
    }

    @Override
    public void send(SignalingMessage message) {
        sent.add(message);
        scheduler.schedule(delayNanos, () -> remote.receiver.accept(message));
    }

    @Override
    public void onReceive(Consumer<SignalingMessage> newReceiver) {
        this.receiver = newReceiver;
    }

    /** The descriptions sent from this end, in order. */
    List<SessionDescription> sentDescriptions() {
        List<SessionDescription> descriptions = new ArrayList<>();
        for (SignalingMessage message : sent) {
            if (message instanceof SignalingMessage.DescriptionMessage) {
                descriptions.add(((SignalingMessage.DescriptionMessage) message).description());
            }
        }
        return descriptions;
    }
}
