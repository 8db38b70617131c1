package org.icesim.icenet;

import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.ice.IceProfile;
import org.icesim.kernel.Scheduler;
import org.icesim.net.Host;
import org.icesim.net.tcp.TcpStack;
import org.icesim.webrtc.IceTransportPolicy;

/**
 * What every gathering session of one peer shares: its clock, host and TCP stack, the ICE
 * profile, the servers, the transport policy, and the random stream for transaction IDs.
 *
 * @param tcp the host's TCP stack, for TURN over TCP or TLS; null when no server needs it
 */
record GatheringContext(Scheduler scheduler, Host host, TcpStack tcp, IceProfile profile, IceServers servers,
        IceTransportPolicy policy, RandomGenerator random) {
}
