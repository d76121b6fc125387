package io.triage.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.triage.json.CanonicalJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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

    /**
     * Sends a request exactly as given, request line and headers included, over a connection of
     * its own that the server closes after answering, and reads the whole answer: for requests no
     * HTTP client would build (invalid escapes, raw control characters, bytes that are not UTF-8).
     */
    public static Answer exchange(byte[] request) {
        long start = System.nanoTime();
        byte[] response;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5_000);
            socket.setSoTimeout(30_000);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before reading a body it refuses (413); read that answer
            }
            response = socket.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("no answer", e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        String head = new String(response, 0, Math.min(response.length, 4_096), StandardCharsets.ISO_8859_1);
        int status = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^HTTP/1\\.[01] (\\d{3})").matcher(head);
        if (m.find()) {
            status = Integer.parseInt(m.group(1));
        }
        String contentType = "";
        java.util.regex.Matcher type = java.util.regex.Pattern.compile("(?im)^content-type:\\s*(.*?)\\r?$").matcher(head);
        if (type.find()) {
            contentType = type.group(1);
        }
        int bodyStart = head.indexOf("\r\n\r\n");
        byte[] body = bodyStart < 0 ? new byte[0] : java.util.Arrays.copyOfRange(response, bodyStart + 4, response.length);
        return new Answer(status, contentType, body, millis);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String baseUrl() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }
}
