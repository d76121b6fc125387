package io.triage.testing;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.specification.RequestSpecification;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Requests whose connection really comes from another address: every 127.x.y.z address reaches
 * the test server over loopback, and the server sees it as the socket peer, exactly as it would
 * see a client elsewhere on the network. No header is involved, so nothing has to be trusted.
 */
public final class FromAddress {

    private FromAddress() {
    }

    /** A request from {@code address} (a loopback address such as 127.0.0.7). */
    public static RequestSpecification given(String address) {
        try {
            InetAddress local = InetAddress.getByName(address);
            return RestAssured.given().baseUri("http://127.0.0.1")
                    .config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                            .setParam("http.route.local-address", local)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    /** HTTP Basic as {@code name} from {@code address}. */
    public static RequestSpecification basic(String address, String name, String password) {
        return given(address).auth().preemptive().basic(name, password);
    }
}
