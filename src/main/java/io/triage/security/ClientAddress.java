package io.triage.security;

import io.triage.config.TriageConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address a request came from, as the access log and the login throttle see it: the socket
 * peer, unless that peer is a configured trusted proxy ({@code triage.security.trusted-proxies});
 * then X-Forwarded-For is read from its end, skipping trusted proxies, and the first address that
 * is not one is the client. Everything to the left of it was written by the client and could be
 * anything, so it is never believed.
 */
@ApplicationScoped
public class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    /** An address block: the first {@code bits} bits of {@code network}. */
    record Block(byte[] network, int bits) {
        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Block> trustedProxies;

    @Inject
    ClientAddress(TriageConfig config) {
        this(config.security().trustedProxies().orElse(List.of()));
    }

    ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).map(ClientAddress::block).toList();
    }

    /** The client's address for this request; null if the connection has none (a unix socket). */
    public String of(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        String peerAddress = peer == null ? null : peer.hostAddress();
        return resolve(peerAddress, request.headers().getAll("X-Forwarded-For"));
    }

    String resolve(String peerAddress, List<String> forwardedFor) {
        if (trustedProxies.isEmpty()) {
            return peerAddress; // no proxy is believed, so the peer is the client (and parsing it costs every request)
        }
        Optional<InetAddress> peer = literal(peerAddress);
        if (peer.isEmpty() || !trusted(peer.get())) {
            return peerAddress;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(hops::add);
        }
        InetAddress client = peer.get();
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                break; // garbage where an address should be: trust nothing further left
            }
            client = hop.get();
            if (!trusted(client)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    /**
     * The address as the login throttle counts it: an IPv4 address, or the /64 network of an IPv6
     * one, since a single IPv6 client usually holds a whole /64 and could otherwise take a fresh
     * address for every guess.
     */
    public static String throttleKey(String address) {
        Optional<InetAddress> parsed = literal(address);
        if (parsed.isEmpty()) {
            return address == null ? "unknown" : address.length() <= 64 ? address : address.substring(0, 64);
        }
        if (parsed.get() instanceof Inet6Address) {
            byte[] bytes = parsed.get().getAddress();
            Arrays.fill(bytes, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return parsed.get().getHostAddress();
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(b -> b.contains(address));
    }

    /** An address or CIDR block from configuration; anything else stops startup. */
    static Block block(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        InetAddress parsed = literal(address).orElseThrow(() -> new IllegalArgumentException(
                "triage.security.trusted-proxies: '" + text + "' is not an IP address or CIDR block (like 10.0.0.0/8 or fd00::/8)"));
        int max = parsed.getAddress().length * 8;
        int bits = max;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("triage.security.trusted-proxies: '" + text + "' has a prefix length outside 0.." + max);
            }
        }
        return new Block(parsed.getAddress(), bits);
    }

    /**
     * An IP address written as digits, never a host name (so nothing here asks DNS). Accepts the
     * forms proxies write: {@code 1.2.3.4}, {@code 1.2.3.4:5678}, {@code ::1}, {@code [::1]:443}.
     */
    static Optional<InetAddress> literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        String s = text;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                return Optional.empty();
            }
            s = s.substring(1, end);
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':') && s.indexOf('.') > 0) {
            s = s.substring(0, s.indexOf(':')); // IPv4 with a port
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        var v4 = IPV4.matcher(s);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return Optional.empty();
                }
            }
        } else if (!s.contains(":") || !IPV6.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s)); // a literal by now: no lookup
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
