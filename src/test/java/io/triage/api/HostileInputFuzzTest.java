package io.triage.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.triage.testing.Accounts;
import io.triage.testing.FuzzProfile;
import io.triage.testing.PageSession;
import io.triage.testing.RawHttp;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.triage.security.Roles.ADMIN;
import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.POLICY_OWNER;
import static io.triage.security.Roles.PRESALES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of requests made from valid ones by breaking them the ways an attacker or a broken
 * client would: cut short, parts repeated, nested thousands deep, numbers of ten million digits,
 * the wrong types, unicode, control characters and random bytes, in bodies, query strings, path
 * parameters, forms and headers, for every API endpoint and the pages that take input. Not one
 * may get a 5xx or take more than a second to answer.
 *
 * <p>Seeded and reproducible: each case draws from {@code new Random(seed + case)}, and a failure
 * names seed and case. {@code -Dfuzz.seed=N} tries another seed, {@code -Dfuzz.cases=N} more or
 * fewer cases. An answer slower than the limit is sent twice more and fails only if it is slow
 * every time, so a machine busy with something else does not fail the test, while a request that
 * costs seconds (the 1e10000000 kind) does.
 */
@QuarkusTest
@TestProfile(FuzzProfile.class)
class HostileInputFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20_261_129L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 1_500); // about a minute; -Dfuzz.cases=20000 for a long night
    private static final long LIMIT_MILLIS = 1_000;
    /** A candidate rule set that reaches the compiler is allowed the compiler's time; its refusals are not. */
    private static final long COMPILE_LIMIT_MILLIS = 20_000;
    private static final long HASHING_LIMIT_MILLIS = 3_000;
    private static final String PASSPHRASE = "orbit lantern tidal 2026";

    private static final String DECISION = """
            {"answers": {"task_type": "classification", "monthly_calls": 1000000, "must_know_org_content": true,
                         "price_per_million_input_tokens": 2.5, "interaction_mode": "batch"}}""";
    private static final String UPLOAD = """
            {"files": {"rules/99-fuzz.drl": "package rules;\\nimport java.io.File;\\nrule \\"fuzz\\" @id(\\"fuzz\\") when then end"}}""";

    private static final List<String> HOSTILE_VALUES = List.of(
            "1e10000000", "-1e999999999", "1e-999999999", "9".repeat(2_000), "0x1F", "NaN", "Infinity", "-0", "1e", ".5", "1_000",
            "true", "null", "[]", "{}", "\"\"", "\"x\"", "[" .repeat(40) + "]".repeat(40), "\"\\ud800\"", "\"\\u0000\"",
            "{\"a\":" .repeat(50) + "1" + "}".repeat(50), "\"" + "a".repeat(100_000) + "\"");
    private static final List<String> ODD_TEXT = List.of(
            "\u202e", "\u200b", "\ufeff", "\ud83d\ude00", "\ud800", "\u0000", "\u0007", "\u001b[31m", "\r\n", "\"", "\\", "'", "<script>",
            "%", "%zz", "%c3%28", "%00", "../", "' OR 1=1 --", "${jndi:ldap://x}", "{{7*7}}", "\u00e9", "\u4e2d\u6587", "\t");

    private record Target(String label, String method, String path, String auth, String body, Map<String, String> query,
                          boolean windowed, boolean page, int weight) {
    }

    private record Request(String label, String description, byte[] bytes, boolean upload) {
    }

    private String csrfToken;
    private String presalesCookie;
    private String auditorCookie;

    @Test
    void brokenRequestsToEveryEndpointNeverGetA5xxOrASlowAnswer() {
        List<Target> targets = targets();
        warmUp(targets);
        int totalWeight = targets.stream().mapToInt(Target::weight).sum();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        java.util.TreeMap<Long, String> slowestCases = new java.util.TreeMap<>();
        long started = System.nanoTime();
        for (int c = 0; c < CASES; c++) {
            Random random = new Random(SEED + c);
            Target target = pick(targets, totalWeight, random);
            Request request = build(target, random);
            RawHttp.Answer answer = RawHttp.exchange(request.bytes());
            long limit = limitFor(request, answer);
            long millis = answer.millis();
            for (int again = 0; again < 2 && millis > limit; again++) {
                millis = Math.min(millis, RawHttp.exchange(request.bytes()).millis());
            }
            statuses.merge(answer.status(), 1, Integer::sum);
            String where = "seed " + SEED + " case " + c + ": " + request.label() + " (" + request.description() + ")";
            if (answer.status() >= 500 || answer.status() < 100) {
                failures.add(where + " got " + (answer.status() == 0 ? "no answer" : answer.status()) + ": "
                        + shorten(answer.text()) + "\n    request: " + shorten(new String(request.bytes(), StandardCharsets.ISO_8859_1)));
            } else if (millis > limit) {
                failures.add(where + " took " + millis + " ms");
            }
            if (limit == LIMIT_MILLIS) { // the slowest of those held to one second
                slowestCases.put(millis * 100_000 + c, millis + " ms " + where);
                if (slowestCases.size() > 5) {
                    slowestCases.pollFirstEntry();
                }
            }
        }
        System.out.printf("fuzz: seed %d, %d cases in %d s; statuses %s; slowest:%n  %s%n", SEED, CASES,
                (System.nanoTime() - started) / 1_000_000_000, statuses,
                String.join("\n  ", slowestCases.descendingMap().values()));
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + CASES + " cases failed (the first 20):\n"
                    + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        }
        // and the service still answers normally afterwards
        assertThat(RawHttp.postJson("/api/decisions", PRESALES, DECISION).status()).isEqualTo(201);
    }

    // --- the endpoints, each with a valid request to break -------------------------------------

    private List<Target> targets() {
        String admin = Accounts.password(ADMIN);
        String id = RawHttp.postJson("/api/decisions", PRESALES, DECISION).json().path("id").asText();
        String version = RawHttp.send("GET", "/api/rulesets/active", PRESALES, Map.of(), null).json().path("version").asText();
        for (String name : List.of("fuzz-target", "fuzz-me", "fuzz-victim")) {
            RawHttp.postJson("/api/accounts", ADMIN, "{\"name\": \"" + name + "\", \"roles\": [\"presales\"], \"password\": \""
                    + PASSPHRASE + "\"}");
        }
        PageSession presales = PageSession.as(PRESALES);
        presales.get("/triage");
        csrfToken = presales.cookies().get("triage-csrf");
        presalesCookie = cookieHeader(presales.cookies());
        auditorCookie = cookieHeader(PageSession.as(AUDITOR).cookies());
        assertThat(admin).isNotBlank();
        assertThat(csrfToken).as("the CSRF cookie of the page session").isNotBlank();

        Map<String, String> list = ordered("limit", "20", "before", "999999", "from", "2026-01-01", "to", "2026-12-31",
                "code", "RAG", "user", "presales");
        Map<String, String> window = ordered("from", "1970-01-01", "to", "1970-01-02");
        String dec = "/api/decisions/" + id;
        String ver = "/api/rulesets/" + version;
        List<Target> t = new ArrayList<>();
        t.add(api("decide", "POST", "/api/decisions", PRESALES, DECISION, Map.of(), 14));
        t.add(api("list decisions (auditor)", "GET", "/api/decisions", AUDITOR, null, list, 8));
        t.add(api("list decisions (presales)", "GET", "/api/decisions", PRESALES, null, list, 3));
        t.add(api("one decision", "GET", dec, AUDITOR, null, Map.of(), 3));
        t.add(api("replay", "POST", dec + "/replay", AUDITOR, null, ordered("ruleset", "active"), 4));
        t.add(api("export", "GET", dec + "/export", AUDITOR, null, Map.of(), 2));
        t.add(api("what would change", "GET", dec + "/what-would-change", PRESALES, null, Map.of(), 2));
        t.add(api("ask next", "GET", dec + "/ask-next", PRESALES, null, Map.of(), 2));
        t.add(api("preview", "POST", "/api/decisions/preview", PRESALES, DECISION, Map.of(), 4));
        t.add(api("chain", "GET", "/api/audit/chain", AUDITOR, null, Map.of(), 1));
        t.add(new Target("bulk replay", "POST", "/api/audit/replay", AUDITOR, null, window, true, false, 3));
        t.add(api("access log", "GET", "/api/audit/access", AUDITOR, null, ordered("limit", "50", "before", "999999"), 4));
        t.add(api("accounts", "GET", "/api/accounts", ADMIN, null, Map.of(), 1));
        t.add(api("add account", "POST", "/api/accounts", ADMIN,
                "{\"name\": \"fuzz-new\", \"roles\": [\"auditor\"], \"password\": \"" + PASSPHRASE + "\"}", Map.of(), 1));
        t.add(api("disable", "POST", "/api/accounts/fuzz-target/disable", ADMIN, null, Map.of(), 2));
        t.add(api("enable", "POST", "/api/accounts/fuzz-target/enable", ADMIN, null, Map.of(), 2));
        t.add(api("reset password", "POST", "/api/accounts/fuzz-target/password", ADMIN,
                "{\"password\": \"" + PASSPHRASE + "\"}", Map.of(), 1));
        t.add(api("versions", "GET", "/api/rulesets", POLICY_OWNER, null, Map.of(), 1));
        t.add(api("upload", "POST", "/api/rulesets", POLICY_OWNER, UPLOAD, Map.of(), 5));
        t.add(api("active", "GET", "/api/rulesets/active", PRESALES, null, Map.of(), 1));
        t.add(api("activations", "GET", "/api/rulesets/activations", AUDITOR, null, Map.of(), 1));
        t.add(api("disk", "GET", "/api/rulesets/disk", AUDITOR, null, Map.of(), 1));
        t.add(api("version", "GET", ver, AUDITOR, null, Map.of(), 2));
        t.add(api("source", "GET", ver + "/source", AUDITOR, null, Map.of(), 2));
        t.add(api("approve", "POST", ver + "/approve", POLICY_OWNER, null, Map.of(), 1));
        t.add(api("activate", "POST", ver + "/activate", POLICY_OWNER, null, Map.of(), 1));
        t.add(new Target("impact", "POST", ver + "/impact", POLICY_OWNER, null, window, true, false, 2));
        t.add(api("diff", "GET", ver + "/diff", AUDITOR, null, ordered("against", version), 2));
        t.add(api("try", "POST", ver + "/try", POLICY_OWNER, DECISION, Map.of(), 3));
        t.add(api("start job", "POST", "/api/jobs", POLICY_OWNER, "{\"kind\": \"impact\", \"version\": \"" + version
                + "\", \"from\": \"1970-01-01\", \"to\": \"1970-01-02\"}", Map.of(), 2));
        t.add(api("jobs", "GET", "/api/jobs", POLICY_OWNER, null, ordered("kind", "impact", "limit", "20"), 1));
        t.add(api("questionnaire", "GET", "/api/questionnaire", PRESALES, null, Map.of(), 1));
        t.add(api("me", "GET", "/api/me", "fuzz-me", null, Map.of(), 1));
        t.add(api("own password", "POST", "/api/me/password", "fuzz-me",
                "{\"current\": \"not the current one\", \"new\": \"another tidal orbit 2027\"}", Map.of(), 1));
        t.add(api("status", "GET", "/api/status", AUDITOR, null, Map.of(), 1));
        t.add(page("triage form", "POST", "/triage", presalesCookie,
                "task_type=classification&monthly_calls=1%2C000%2C000&must_know_org_content=yes&price_per_million_input_tokens=2.5"
                        + "&csrf-token=" + csrfToken, Map.of(), 8));
        t.add(page("audit filters", "GET", "/audit", auditorCookie, null,
                ordered("from", "2026-01-01", "to", "2026-12-31", "code", "RAG", "user", "presales", "before", "999999"), 4));
        t.add(page("my decisions", "GET", "/triage/decisions", presalesCookie, null, ordered("before", "999999"), 1));
        t.add(page("login", "GET", "/login", null, null, ordered("locked", "30"), 1));
        t.add(page("health", "GET", "/q/health/ready", null, null, Map.of(), 1));
        return t;
    }

    private static Target api(String label, String method, String path, String user, String body, Map<String, String> query, int weight) {
        return new Target(label, method, path, user, body, query, false, false, weight);
    }

    private static Target page(String label, String method, String path, String cookie, String form, Map<String, String> query,
                               int weight) {
        return new Target(label, method, path, cookie, form, query, false, true, weight);
    }

    private void warmUp(List<Target> targets) {
        for (int i = 0; i < 3; i++) {
            for (Target target : targets) {
                RawHttp.exchange(request(target, target.path(), target.query(), target.body(), contentType(target), auth(target)));
            }
        }
    }

    // --- breaking a request --------------------------------------------------------------------

    private Request build(Target target, Random random) {
        String path = target.path();
        Map<String, String> query = new LinkedHashMap<>(target.query());
        String body = target.body();
        String contentType = contentType(target);
        String auth = auth(target);
        String description;
        double roll = random.nextDouble();
        if (body != null && roll < 0.6) {
            String[] mutated = target.page() ? mutateForm(body, random) : mutateJson(body, random);
            body = mutated[0];
            description = "body: " + mutated[1];
        } else if (!query.isEmpty() && roll < 0.85) {
            description = "query: " + mutateQuery(query, target.windowed(), random);
        } else if (path.matches(".*/(api/(decisions|rulesets|accounts))/[^/]+.*") && roll < 0.93) {
            String[] parts = path.split("/");
            int at = parts[2].equals("accounts") || parts[2].equals("decisions") || parts[2].equals("rulesets") ? 3 : parts.length - 1;
            String original = parts[at];
            parts[at] = encodeOddly(mutateValue(original, random), random);
            path = String.join("/", parts);
            description = "path parameter " + shorten(original) + " -> " + shorten(parts[at]);
        } else if (!target.page() && target.auth() != null && random.nextBoolean()) {
            String victim = RawHttp.basic("fuzz-victim", mutateValue(PASSPHRASE, random));
            auth = random.nextBoolean() ? victim : "Basic " + mutateValue("ZnV6ei12aWN0aW06eA==", random);
            description = "authorization of an account being guessed";
        } else {
            String[] types = {"application/json; charset=utf-16", "application/json; charset=x-unknown", "application/json;;;",
                    "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=", "*/*", "application/json\u0000"};
            contentType = types[random.nextInt(types.length)];
            description = "content type " + shorten(contentType);
        }
        return new Request(target.method() + " " + target.path() + " [" + target.label() + "]", description,
                request(target, path, query, body, contentType, auth), target.label().equals("upload"));
    }

    private String[] mutateJson(String json, Random random) {
        int op = random.nextInt(14);
        return switch (op) {
            case 0 -> new String[] {json.substring(0, random.nextInt(json.length())), "truncated"};
            case 1 -> {
                int from = random.nextInt(json.length());
                int to = Math.min(json.length(), from + 1 + random.nextInt(40));
                int at = random.nextInt(json.length());
                yield new String[] {json.substring(0, at) + json.substring(from, to) + json.substring(at), "a slice repeated"};
            }
            case 2 -> {
                Matcher key = Pattern.compile("\"[a-z_]+\"\\s*:\\s*(\"[^\"]*\"|[-0-9.eE]+|true|false|null)").matcher(json);
                List<String> pairs = new ArrayList<>();
                while (key.find()) {
                    pairs.add(key.group());
                }
                String pair = pairs.isEmpty() ? "\"answers\": {}" : pairs.get(random.nextInt(pairs.size()));
                int brace = json.indexOf('{', 1) > 0 && random.nextBoolean() ? json.indexOf('{', 1) : 0;
                yield new String[] {json.substring(0, brace + 1) + pair + ", " + json.substring(brace + 1), "a key given twice"};
            }
            case 3 -> {
                int depth = new int[] {20, 33, 100, 1_000, 5_000, 50_000}[random.nextInt(6)];
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                yield new String[] {replaceValue(json, open.repeat(depth) + "1" + close.repeat(depth), random), "nested " + depth + " deep"};
            }
            case 4, 5 -> {
                String value = HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size()));
                yield new String[] {replaceValue(json, value, random), "a value replaced by " + shorten(value)};
            }
            case 6 -> {
                String odd = ODD_TEXT.get(random.nextInt(ODD_TEXT.size()));
                int at = random.nextInt(json.length() + 1);
                yield new String[] {json.substring(0, at) + odd + json.substring(at), "inserted " + visible(odd)};
            }
            case 7 -> {
                StringBuilder sb = new StringBuilder(json);
                for (int i = 0; i < 1 + random.nextInt(5); i++) {
                    sb.insert(random.nextInt(sb.length() + 1), (char) random.nextInt(0x20));
                }
                yield new String[] {sb.toString(), "control characters"};
            }
            case 8 -> {
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                yield new String[] {new String(bytes, StandardCharsets.ISO_8859_1), "random bytes"};
            }
            case 9 -> new String[] {json + new String[] {" x", "}", "{}", ",", "\u0000", "\n" + json}[random.nextInt(6)],
                    "something after the value"};
            case 10 -> new String[] {new String[] {"", " ", "null", "[]", "\"\"", "0", "{}"}[random.nextInt(7)], "no object"};
            case 11 -> {
                StringBuilder many = new StringBuilder("{");
                int keys = 1 + random.nextInt(20_000);
                for (int i = 0; i < keys; i++) {
                    many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
                }
                yield new String[] {replaceValue(json, many.append('}').toString(), random), keys + " keys"};
            }
            case 12 -> {
                int at = random.nextInt(json.length());
                char flipped = (char) (json.charAt(at) ^ (1 << random.nextInt(7)));
                yield new String[] {json.substring(0, at) + flipped + json.substring(at + 1), "one character flipped"};
            }
            default -> new String[] {replaceValue(json, "\"" + ODD_TEXT.get(random.nextInt(ODD_TEXT.size())).replace("\"", "\\\"")
                    .replace("\\", "\\\\") + "\"", random), "a value replaced by odd text"};
        };
    }

    /** Replaces one value (string, number, literal) of the JSON, picked at random. */
    private static String replaceValue(String json, String replacement, Random random) {
        Matcher m = Pattern.compile(":\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9][0-9.eE+-]*|true|false|null)").matcher(json);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(1), m.end(1)});
        }
        if (spans.isEmpty()) {
            return json + replacement;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return json.substring(0, span[0]) + replacement + json.substring(span[1]);
    }

    private String[] mutateForm(String form, Random random) {
        List<String> fields = new ArrayList<>(List.of(form.split("&")));
        int i = random.nextInt(fields.size());
        String field = fields.get(i);
        String name = field.substring(0, field.indexOf('='));
        if (name.equals("csrf-token") && random.nextInt(4) > 0) {
            i = 0;
            field = fields.get(0);
            name = field.substring(0, field.indexOf('='));
        }
        int op = random.nextInt(6);
        String value = field.substring(field.indexOf('=') + 1);
        switch (op) {
            case 0 -> fields.set(i, name + "=" + encodeOddly(mutateValue(value, random), random));
            case 1 -> fields.add(name + "=" + encodeOddly(mutateValue(value, random), random));
            case 2 -> fields.set(i, name + "=" + "9".repeat(new int[] {101, 2_000, 200_000}[random.nextInt(3)]));
            case 3 -> fields.set(i, name + "=" + HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size())).replace("&", "%26"));
            case 4 -> fields.add(random.nextBoolean() ? "favourite_colour=blue" : "%zz=%c3%28");
            default -> fields.set(i, field.substring(0, random.nextInt(field.length() + 1)));
        }
        return new String[] {String.join("&", fields), "form field " + name + " (" + op + ")"};
    }

    private String mutateQuery(Map<String, String> query, boolean windowed, Random random) {
        List<String> names = new ArrayList<>(query.keySet());
        String name = names.get(random.nextInt(names.size()));
        int op = random.nextInt(windowed ? 3 : 5);
        switch (op) {
            case 0, 1 -> query.put(name, mutateValue(query.get(name), random));
            case 2 -> query.put(name + "\u0001dup", mutateValue(query.get(name), random)); // a second value after the first
            case 3 -> query.put(new String[] {"limt", "a[b]", "%zz", "", "x".repeat(3_000)}[random.nextInt(5)], "1");
            default -> query.remove(name);
        }
        return name + " (" + op + ") -> " + shorten(String.valueOf(query.get(name)));
    }

    /** A value broken one way or another. */
    private static String mutateValue(String value, Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> value.substring(0, random.nextInt(value.length() + 1));
            case 1 -> value + value;
            case 2 -> HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size()));
            case 3 -> {
                int at = random.nextInt(value.length() + 1);
                yield value.substring(0, at) + ODD_TEXT.get(random.nextInt(ODD_TEXT.size())) + value.substring(at);
            }
            case 4 -> "-" + value;
            case 5 -> value.repeat(1 + random.nextInt(200));
            case 6 -> {
                char[] chars = new char[1 + random.nextInt(20)];
                for (int i = 0; i < chars.length; i++) {
                    chars[i] = (char) random.nextInt(0x3000);
                }
                yield new String(chars);
            }
            case 7 -> String.valueOf(random.nextLong());
            default -> "";
        };
    }

    /** Mostly proper percent-encoding; sometimes raw, half-escaped or invalid escapes, as a hand-made request would have. */
    private static String encodeOddly(String value, Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> value.replace(" ", "%20");
            case 1 -> value + new String[] {"%", "%z", "%zz", "%c3%28", "%ff%fe", "%00", "%2F..%2F"}[random.nextInt(7)];
            default -> URLEncoder.encode(value, StandardCharsets.UTF_8);
        };
    }

    // --- writing the request -------------------------------------------------------------------

    private static byte[] request(Target target, String path, Map<String, String> query, String body, String contentType, String auth) {
        StringBuilder target2 = new StringBuilder(path);
        char sep = '?';
        Random encoding = new Random(path.hashCode() ^ query.hashCode());
        for (Map.Entry<String, String> q : query.entrySet()) {
            String name = q.getKey().replace("\u0001dup", "");
            target2.append(sep).append(name.matches("[a-z]+") ? name : encodeOddly(name, encoding)).append('=')
                    .append(encodeOddly(q.getValue(), encoding));
            sep = '&';
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.ISO_8859_1.newEncoder().canEncode(body)
                ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder();
        head.append(target.method()).append(' ').append(target2).append(" HTTP/1.1\r\n");
        head.append("Host: localhost:").append(RestAssured.port).append("\r\n");
        if (auth != null) {
            head.append(target.page() ? "Cookie: " : "Authorization: ").append(auth).append("\r\n");
        }
        if (!target.method().equals("GET")) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
            head.append("Content-Length: ").append(payload.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static String contentType(Target target) {
        return target.page() ? "application/x-www-form-urlencoded" : "application/json";
    }

    private String auth(Target target) {
        if (target.auth() == null) {
            return null;
        }
        if (target.page()) {
            return target.auth();
        }
        String password = target.auth().startsWith("fuzz-") ? PASSPHRASE : Accounts.password(target.auth());
        return RawHttp.basic(target.auth(), password);
    }

    private static Target pick(List<Target> targets, int totalWeight, Random random) {
        int n = random.nextInt(totalWeight);
        for (Target t : targets) {
            n -= t.weight();
            if (n < 0) {
                return t;
            }
        }
        return targets.get(targets.size() - 1);
    }

    /**
     * One second, except where the work is slow by design and the answer shows it was done: a
     * candidate rule set that reached the compiler, and a password that was hashed or checked
     * (bcrypt at cost 12 takes most of a second on these machines, and is meant to).
     */
    private static long limitFor(Request request, RawHttp.Answer answer) {
        int status = answer.status();
        if (request.upload() && (status == 200 || status == 201 || status == 422)) {
            return COMPILE_LIMIT_MILLIS;
        }
        boolean hashing = request.label().contains("password]") || request.label().contains("[add account]")
                || request.description().startsWith("authorization");
        String text = answer.text();
        if (hashing && (status < 300 || status == 401 || text.contains("\"wrong_password\"") || text.contains("\"exists\""))) {
            return HASHING_LIMIT_MILLIS;
        }
        return LIMIT_MILLIS;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static String cookieHeader(Map<String, String> cookies) {
        return String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static String visible(String s) {
        StringBuilder sb = new StringBuilder();
        s.chars().forEach(c -> sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return sb.toString();
    }

    private static String shorten(String s) {
        String v = visible(s);
        return v.length() <= 160 ? v : v.substring(0, 160) + "…(" + s.length() + ")";
    }
}
