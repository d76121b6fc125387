package io.triage.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who the client is, when a request may have come through proxies and its headers may lie. */
class ClientAddressTest {

    private static final ClientAddress NO_PROXY = new ClientAddress(List.of());
    private static final ClientAddress BEHIND_PROXIES = new ClientAddress(List.of("10.0.0.0/8", "fd00::/8", "192.0.2.1"));

    @Test
    void withoutTrustedProxiesTheSocketPeerIsTheClientWhateverTheHeadersSay() {
        assertThat(NO_PROXY.resolve("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(NO_PROXY.resolve("10.0.0.5", List.of("198.51.100.1"))).isEqualTo("10.0.0.5");
    }

    @Test
    void aPeerThatIsNotATrustedProxyIsTheClientEvenBehindProxies() {
        assertThat(BEHIND_PROXIES.resolve("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void behindATrustedProxyTheClientIsTheLastAddressItDidNotAddItself() {
        assertThat(BEHIND_PROXIES.resolve("10.0.0.5", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        // the client wrote 1.1.1.1 itself; the proxy appended the address it really saw
        assertThat(BEHIND_PROXIES.resolve("10.0.0.5", List.of("1.1.1.1, 203.0.113.9"))).isEqualTo("203.0.113.9");
        // two trusted proxies in a row, and the header split over two lines
        assertThat(BEHIND_PROXIES.resolve("10.0.0.5", List.of("1.1.1.1, 203.0.113.9", "10.1.2.3"))).isEqualTo("203.0.113.9");
        assertThat(BEHIND_PROXIES.resolve("192.0.2.1", List.of("[2001:db8::7]:5050"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(BEHIND_PROXIES.resolve("10.0.0.5", List.of("203.0.113.9:4711"))).isEqualTo("203.0.113.9");
    }

    @Test
    void behindATrustedProxyWithoutAUsableHeaderTheProxyIsTheClient() {
        assertThat(BEHIND_PROXIES.resolve("10.0.0.5", List.of())).isEqualTo("10.0.0.5");
        assertThat(BEHIND_PROXIES.resolve("10.0.0.5", List.of("not-an-address"))).isEqualTo("10.0.0.5");
        // a host name is never looked up, so a header cannot make Triage ask DNS anything
        assertThat(BEHIND_PROXIES.resolve("10.0.0.5", List.of("attacker.example"))).isEqualTo("10.0.0.5");
        assertThat(BEHIND_PROXIES.resolve("10.0.0.5", List.of("1.1.1.1, garbage"))).isEqualTo("10.0.0.5");
    }

    @Test
    void anIpv6ClientIsThrottledByItsSlash64SoFreshAddressesDoNotHelpIt() {
        assertThat(ClientAddress.throttleKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.throttleKey("2001:db8:1:2::1")).isEqualTo(ClientAddress.throttleKey("2001:db8:1:2:ffff::9"));
        assertThat(ClientAddress.throttleKey("203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.throttleKey("::ffff:203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.throttleKey(null)).isEqualTo("unknown");
    }

    @Test
    void aTrustedProxySettingThatIsNotAnAddressStopsStartupNamingIt() {
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.internal")))
                .hasMessageContaining("triage.security.trusted-proxies").hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33"))).hasMessageContaining("0..32");
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/x"))).hasMessageContaining("prefix length");
    }
}
