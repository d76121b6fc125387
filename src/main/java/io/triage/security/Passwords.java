package io.triage.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.triage.common.InputError;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Generated passwords, the rules a chosen password must meet, and bcrypt hashing. */
public final class Passwords {

    /** Letters and digits that cannot be mistaken for one another when read off a screen. */
    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final int GENERATED_LENGTH = 20; // about 115 bits
    public static final int MIN_LENGTH = 12;
    /** bcrypt hashes the first 72 bytes and silently ignores the rest. */
    public static final int MAX_BYTES = 72;
    private static final int COST = 12;
    private static final Set<String> COMMON = load("common-passwords.txt");

    private Passwords() {
    }

    public static String generate() {
        char[] chars = new char[GENERATED_LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }

    /**
     * Why a chosen password is refused, each reason once (never quoting the password): too short,
     * longer than bcrypt reads, one of the commonest, or containing the account name.
     */
    public static void check(String field, String password, String accountName, List<InputError> errors) {
        if (password.length() < MIN_LENGTH || password.isBlank()) {
            errors.add(InputError.field(field, "too_short", "a password needs at least " + MIN_LENGTH
                    + " characters; leave it out to have one generated"));
        }
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            errors.add(InputError.field(field, "too_long", "a password may have at most " + MAX_BYTES + " bytes (this one has "
                    + bytes + "; letters outside English count two to four): the hashing ignores everything after that"));
        }
        if (COMMON.contains(password.toLowerCase(Locale.ROOT))) {
            errors.add(InputError.field(field, "too_common", "this password is on the list of the most common passwords that "
                    + "guessers try first; choose another"));
        }
        if (accountName != null && !accountName.isEmpty()
                && password.toLowerCase(Locale.ROOT).contains(accountName.toLowerCase(Locale.ROOT))) {
            errors.add(InputError.field(field, "contains_name", "a password must not contain the account name"));
        }
    }

    public static String hash(String password) {
        return BcryptUtil.bcryptHash(password, COST);
    }

    /** No stored password is longer than {@link #MAX_BYTES}; a longer one given at login is not it, whatever bcrypt would say. */
    public static boolean matches(String password, String hash) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES && BcryptUtil.matches(password, hash);
    }

    private static Set<String> load(String resource) {
        try (InputStream in = Passwords.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the application");
            }
            Set<String> passwords = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    passwords.add(line);
                }
            }
            return Set.copyOf(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
