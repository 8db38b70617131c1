package org.icesim.turn;

import org.icesim.net.Ipv4Address;
import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;

/** What a {@link TurnClient} tells its owner (an ICE agent gathering a relayed candidate, a test). */
public interface TurnClientListener {

    /**
     * The allocation exists: {@code relayed} is the relayed candidate's address, {@code mapped} the
     * client's address as the server saw it (the server-reflexive address, RFC 8656 §7.3).
     */
    void onAllocated(TurnClient client, TransportAddress relayed, TransportAddress mapped);

    /** The client gave up; it sends nothing more. */
    void onFailed(TurnClient client, TurnFailure failure);

    /** {@code peer} sent {@code payload} to the relayed address (delivered in a Data indication or ChannelData). */
    void onData(TurnClient client, TransportAddress peer, Payload payload);

    default void onStateChanged(TurnClient client, TurnAllocationState state) {
    }

    /** A CreatePermission for {@code peer} succeeded (the first time; refreshes are not reported). */
    default void onPermissionCreated(TurnClient client, Ipv4Address peer) {
    }

    /** A CreatePermission for {@code peer} failed or timed out; the permission is dropped. */
    default void onPermissionFailed(TurnClient client, Ipv4Address peer, TurnFailure reason) {
    }

    /** A ChannelBind succeeded (the first time): data to {@code peer} now travels as ChannelData. */
    default void onChannelBound(TurnClient client, TransportAddress peer, int channel) {
    }

    /** A ChannelBind failed or timed out; data to {@code peer} goes on in Send indications. */
    default void onChannelBindFailed(TurnClient client, TransportAddress peer, TurnFailure reason) {
    }
}
