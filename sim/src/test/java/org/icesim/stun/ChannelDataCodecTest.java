package org.icesim.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.util.List;
import org.icesim.stun.StunAttribute.Fingerprint;
import org.icesim.stun.StunParseException.Defect;
import org.junit.jupiter.api.Test;

class ChannelDataCodecTest {

    private static final RawPayload FIVE_BYTES = new RawPayload(new byte[] {1, 2, 3, 4, 5});

    @Test
    void headerIsChannelThenLengthRfc8656Section12_4() {
        byte[] bytes = ChannelDataCodec.encode(new ChannelData(0x4001, FIVE_BYTES), false);
        assertThat(bytes).containsExactly(0x40, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5);
    }

    @Test
    void overStreamsTheMessageIsPaddedToFourBytesRfc8656Section12_5() throws StunParseException {
        ChannelData message = new ChannelData(0x4FFF, FIVE_BYTES);
        byte[] bytes = ChannelDataCodec.encode(message, true);
        assertThat(bytes).containsExactly(0x4F, 0xFF, 0x00, 0x05, 1, 2, 3, 4, 5, 0, 0, 0);
        assertThat(ChannelDataCodec.decode(bytes, 0, bytes.length)).isEqualTo(message);
    }

    @Test
    void payloadEncodeWritesTheUnpaddedForm() {
        ChannelData message = new ChannelData(0x4002, FIVE_BYTES);
        ByteBuffer buffer = ByteBuffer.allocate(message.size());
        message.encode(buffer);
        assertThat(buffer.array()).isEqualTo(ChannelDataCodec.encode(message, false));
    }

    @Test
    void channelOutsideTheRangeIsRefused() {
        byte[] bytes = {0x50, 0x00, 0x00, 0x00};
        StunParseException e = catchThrowableOfType(StunParseException.class,
                () -> ChannelDataCodec.decode(bytes, 0, bytes.length));
        assertThat(e.defect()).isEqualTo(Defect.BAD_CHANNEL_NUMBER);
        assertThat(e).hasMessageContaining("0x5000");
    }

    @Test
    void dataShorterThanAnnouncedIsTruncated() {
        byte[] bytes = {0x40, 0x00, 0x00, 0x08, 1, 2, 3};
        StunParseException e = catchThrowableOfType(StunParseException.class,
                () -> ChannelDataCodec.decode(bytes, 0, bytes.length));
        assertThat(e.defect()).isEqualTo(Defect.TRUNCATED);
        assertThat(e).hasMessageContaining("8 bytes of data, 3 were received");
    }

    @Test
    void firstByteTellsStunFromChannelDataRfc7983() throws StunParseException {
        assertThat(Demultiplexer.kindOf((byte) 0)).isEqualTo(Demultiplexer.Kind.STUN);
        assertThat(Demultiplexer.kindOf((byte) 3)).isEqualTo(Demultiplexer.Kind.STUN);
        assertThat(Demultiplexer.kindOf((byte) 4)).isEqualTo(Demultiplexer.Kind.OTHER);
        assertThat(Demultiplexer.kindOf((byte) 22)).as("DTLS").isEqualTo(Demultiplexer.Kind.OTHER);
        assertThat(Demultiplexer.kindOf((byte) 64)).isEqualTo(Demultiplexer.Kind.CHANNEL_DATA);
        assertThat(Demultiplexer.kindOf((byte) 79)).isEqualTo(Demultiplexer.Kind.CHANNEL_DATA);
        assertThat(Demultiplexer.kindOf((byte) 80)).isEqualTo(Demultiplexer.Kind.OTHER);
        assertThat(Demultiplexer.kindOf((byte) 0x80)).as("RTP").isEqualTo(Demultiplexer.Kind.OTHER);

        StunMessage stun = StunMessage.indication(StunMethod.BINDING, new TransactionId(1, 2),
                List.of(Fingerprint.INSTANCE));
        ChannelData channelData = new ChannelData(0x4123, FIVE_BYTES);
        assertThat(Demultiplexer.decode(StunCodec.encode(stun))).isEqualTo(stun);
        assertThat(Demultiplexer.decode(ChannelDataCodec.encode(channelData, false))).isEqualTo(channelData);
        StunParseException e = catchThrowableOfType(StunParseException.class,
                () -> Demultiplexer.decode(new byte[] {(byte) 0x80, 0, 0, 0}));
        assertThat(e.defect()).isEqualTo(Defect.NOT_STUN);
    }
}
