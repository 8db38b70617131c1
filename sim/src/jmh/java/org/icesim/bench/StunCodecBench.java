package org.icesim.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.icesim.net.TransportAddress;
import org.icesim.stun.StunAttribute.Data;
import org.icesim.stun.StunAttribute.Fingerprint;
import org.icesim.stun.StunAttribute.IceControlling;
import org.icesim.stun.StunAttribute.MessageIntegrity;
import org.icesim.stun.StunAttribute.Priority;
import org.icesim.stun.StunAttribute.UseCandidate;
import org.icesim.stun.StunAttribute.Username;
import org.icesim.stun.StunAttribute.XorMappedAddress;
import org.icesim.stun.StunAttribute.XorPeerAddress;
import org.icesim.stun.StunCodec;
import org.icesim.stun.StunKey;
import org.icesim.stun.StunMessage;
import org.icesim.stun.StunMethod;
import org.icesim.stun.StunParseException;
import org.icesim.stun.TransactionId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of the STUN codec on the messages ICE sends most: a controlling check with
 * USE-CANDIDATE, MESSAGE-INTEGRITY and FINGERPRINT (92 B), its success response (64 B), and a
 * TURN Send indication carrying that check. Also the cost of building the model of a check and
 * asking its size, which is what the simulator does per packet instead of encoding.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StunCodecBench {

    private final StunKey key = StunKey.shortTerm("0123456789abcdefghijkl");
    private final TransportAddress mapped = TransportAddress.of("198.51.100.20", 61000);
    private final TransportAddress peer = TransportAddress.of("198.51.100.7", 40000);
    private long sequence;
    private StunMessage check;
    private StunMessage response;
    private StunMessage sendIndication;
    private byte[] checkBytes;
    private byte[] responseBytes;

    @Setup
    public void setUp() {
        check = iceCheck(new TransactionId(1, 2));
        response = check.respondSuccess(List.of(new XorMappedAddress(mapped), new MessageIntegrity(key),
                Fingerprint.INSTANCE));
        sendIndication = StunMessage.indication(StunMethod.SEND, new TransactionId(3, 4),
                List.of(new XorPeerAddress(peer), new Data(check)));
        checkBytes = StunCodec.encode(check);
        responseBytes = StunCodec.encode(response);
    }

    private StunMessage iceCheck(TransactionId id) {
        return StunMessage.request(StunMethod.BINDING, id, List.of(new Username("wxyz:abcd"),
                new Priority(1_862_270_975L), new IceControlling(0x1122334455667788L), UseCandidate.INSTANCE,
                new MessageIntegrity(key), Fingerprint.INSTANCE));
    }

    @Benchmark
    public int buildCheckModelAndSize() {
        return iceCheck(new TransactionId(7, sequence++)).size();
    }

    @Benchmark
    public byte[] encodeCheck() {
        return StunCodec.encode(check);
    }

    @Benchmark
    public byte[] encodeSuccessResponse() {
        return StunCodec.encode(response);
    }

    @Benchmark
    public byte[] encodeSendIndicationWithCheck() {
        return StunCodec.encode(sendIndication);
    }

    @Benchmark
    public StunMessage decodeCheck() throws StunParseException {
        return StunCodec.decode(checkBytes);
    }

    @Benchmark
    public StunMessage decodeSuccessResponse() throws StunParseException {
        return StunCodec.decode(responseBytes);
    }

    @Benchmark
    public boolean verifyCheckIntegrity() {
        return StunCodec.verifyIntegrity(checkBytes, key);
    }
}
