package io.triage.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.triage.json.CanonicalJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Requests exactly as written, byte for byte, to the service under test: for attacks REST Assured
 * would reformat, and for bodies its logging would choke on (it pretty-prints every JSON body,
 * which for a body nested 100,000 deep takes gigabytes).
 */
public final class RawHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What came back, and how long it took. */
    public record Answer(int status, String contentType, byte[] body, long millis) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return CanonicalJson.parse(text());
        }

        /** The first error's field, code or message, or "" when there is none. */
        public String error(String what) {
            return json().path("errors").path(0).path(what).asText();
        }
    }

    private RawHttp() {
    }

    /**
     * @param user a first-start account to log in as with HTTP Basic, or null for none
     * @param body null to send no body at all
     */
    public static Answer send(String method, String pathAndQuery, String user, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (user != null) {
            request.header("Authorization", basic(user, Accounts.password(user)));
        }
        headers.forEach(request::header);
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(), millis);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON POST as the given account. */
    public static Answer postJson(String path, String user, String body) {
        return send("POST", path, user, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String baseUrl() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }
}
