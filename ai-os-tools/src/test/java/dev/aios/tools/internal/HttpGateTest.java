package dev.aios.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpGateTest {

    @Test
    void onlyNamesOfThisMachineAreLocalHosts() {
        for (String host : new String[] {"localhost", "LOCALHOST:8080", "127.0.0.1", "127.0.0.1:3001", "[::1]",
                "[::1]:3001"}) {
            assertThat(HttpGate.localHost(host)).as(host).isTrue();
        }
        for (String host : new String[] {"evil.example.com", "evil.example.com:3001", "localhost.evil.example.com",
                "127.0.0.1.nip.io", "[::1]x", "", " "}) {
            assertThat(HttpGate.localHost(host)).as(host).isFalse();
        }
        assertThat(HttpGate.localHost(null)).isFalse();
    }

    @Test
    void anOriginIsLocalOnlyWhenAbsentOrAPageOfThisMachine() {
        assertThat(HttpGate.localOrigin(null)).isTrue();
        assertThat(HttpGate.localOrigin("http://localhost:5173")).isTrue();
        assertThat(HttpGate.localOrigin("https://127.0.0.1")).isTrue();
        assertThat(HttpGate.localOrigin("http://evil.example.com")).isFalse();
        assertThat(HttpGate.localOrigin("null")).isFalse();
        assertThat(HttpGate.localOrigin("file:///home/me/page.html")).isFalse();
    }

    @Test
    void loopbackBindAddressesAreRecognised() {
        assertThat(HttpGate.isLoopback("127.0.0.1")).isTrue();
        assertThat(HttpGate.isLoopback("localhost")).isTrue();
        assertThat(HttpGate.isLoopback("::1")).isTrue();
        assertThat(HttpGate.isLoopback("[::1]")).isTrue();
        assertThat(HttpGate.isLoopback("0.0.0.0")).isFalse();
    }
}
