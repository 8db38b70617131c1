package org.icesim.net.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

import org.junit.jupiter.api.Test;

class TcpConfigTest {

    @Test
    void defaultsFollowRfc6298AndLinux() {
        TcpConfig config = TcpConfig.defaults();
        assertThat(config.mss()).isEqualTo(1460);
        assertThat(config.initialRto()).isEqualTo(seconds(1));
        assertThat(config.minRto()).isEqualTo(millis(200));
        assertThat(config.maxRto()).isEqualTo(seconds(120));
        assertThat(config.synRetries()).isEqualTo(6);
        assertThat(config.synAckRetries()).isEqualTo(5);
        assertThat(config.dataRetries()).isEqualTo(15);
        assertThat(config.userTimeout()).isZero();
        assertThat(config.window()).isEqualTo(65535);
        assertThat(config.delayedAck()).isZero();
        assertThat(config.duplicateAckThreshold()).isEqualTo(3);
        assertThat(config.finTimeout()).isEqualTo(seconds(60));
        assertThat(config.tls()).isEqualTo(TlsVersion.NONE);
    }

    @Test
    void invalidValuesAreRejectedWithTheParameterTheValueAndWhatIsAllowed() {
        TcpConfig config = TcpConfig.defaults();
        assertThatThrownBy(() -> config.withMss(0)).hasMessage("mss must be in 1..65495 bytes, was 0");
        assertThatThrownBy(() -> config.withMinRto(0)).hasMessage("minRto must be > 0 ns, was 0");
        assertThatThrownBy(() -> config.withMinRto(seconds(121)))
                .hasMessage("maxRto must be >= minRto (121000000000 ns), was 120000000000");
        assertThatThrownBy(() -> config.withSynRetries(-1)).hasMessage("synRetries must be >= 0, was -1");
        assertThatThrownBy(() -> config.withDataRetries(-1)).hasMessage("dataRetries must be >= 0, was -1");
        assertThatThrownBy(() -> config.withUserTimeout(-1)).hasMessage("userTimeout must be >= 0 ns (0 = off), was -1");
        assertThatThrownBy(() -> config.withWindow(65536)).hasMessage("window must be in 1..65535 bytes, was 65536");
        assertThatThrownBy(() -> config.withDelayedAck(millis(500)))
                .hasMessage("delayedAck must be in [0, 500 ms) (RFC 1122 §4.2.3.2; 0 = off), was 500000000 ns");
        assertThatThrownBy(() -> config.withDuplicateAckThreshold(-1))
                .hasMessage("duplicateAckThreshold must be >= 0 (0 = off), was -1");
        assertThatThrownBy(() -> config.withTls(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tls must not be null");
    }

    @Test
    void withersChangeOnlyTheirParameter() {
        TcpConfig changed = TcpConfig.defaults().withTls(TlsVersion.TLS_1_3);
        assertThat(changed.tls()).isEqualTo(TlsVersion.TLS_1_3);
        assertThat(changed.withTls(TlsVersion.NONE)).isEqualTo(TcpConfig.defaults());
    }
}
