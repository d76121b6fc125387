package io.triage.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The accounts the service created on its first start, read from the credentials file it wrote
 * (the test data folder, see application.properties), so tests log in the way a person would.
 */
public final class Accounts {

    public static final Path TEST_DATA = Path.of("target/test-data");

    private Accounts() {
    }

    /** name → password from a credentials file. */
    public static Map<String, String> read(Path dataDir) {
        Path file = dataDir.resolve("initial-credentials.txt");
        try {
            Map<String, String> accounts = new HashMap<>();
            for (String line : Files.readAllLines(file)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    accounts.put(line.substring(0, colon), line.substring(colon + 1));
                }
            }
            return accounts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static String password(String name) {
        String password = read(TEST_DATA).get(name);
        if (password == null) {
            throw new IllegalStateException("no first-start account '" + name + "' in " + TEST_DATA);
        }
        return password;
    }

    /** A request that logs in with HTTP Basic as the first-start account of that name. */
    public static RequestSpecification as(String name) {
        return RestAssured.given().auth().preemptive().basic(name, password(name));
    }
}
