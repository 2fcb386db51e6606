package dev.aios.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalHostsTest {

    @Test
    void onlyNamesOfThisMachineAreLocalHosts() {
        for (String host : new String[] {"localhost", "LOCALHOST:8080", "127.0.0.1", "127.0.0.1:3001", "[::1]",
                "[::1]:3001"}) {
            assertThat(LocalHosts.namesThisMachine(host)).as(host).isTrue();
        }
        for (String host : new String[] {"evil.example.com", "evil.example.com:3001", "localhost.evil.example.com",
                "127.0.0.1.nip.io", "[::1]x", "", " "}) {
            assertThat(LocalHosts.namesThisMachine(host)).as(host).isFalse();
        }
        assertThat(LocalHosts.namesThisMachine(null)).isFalse();
    }

    @Test
    void anOriginIsLocalOnlyWhenAbsentOrAPageOfThisMachine() {
        assertThat(LocalHosts.isLocalOrigin(null)).isTrue();
        assertThat(LocalHosts.isLocalOrigin("http://localhost:5173")).isTrue();
        assertThat(LocalHosts.isLocalOrigin("https://127.0.0.1")).isTrue();
        assertThat(LocalHosts.isLocalOrigin("http://evil.example.com")).isFalse();
        assertThat(LocalHosts.isLocalOrigin("null")).isFalse();
        assertThat(LocalHosts.isLocalOrigin("file:///home/me/page.html")).isFalse();
    }

    @Test
    void loopbackBindAddressesAreRecognised() {
        assertThat(LocalHosts.isLoopbackBind("127.0.0.1")).isTrue();
        assertThat(LocalHosts.isLoopbackBind("localhost")).isTrue();
        assertThat(LocalHosts.isLoopbackBind("::1")).isTrue();
        assertThat(LocalHosts.isLoopbackBind("[::1]")).isTrue();
        assertThat(LocalHosts.isLoopbackBind("0.0.0.0")).isFalse();
    }
}
