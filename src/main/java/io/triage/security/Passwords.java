package io.triage.security;

import io.quarkus.elytron.security.common.BcryptUtil;

import java.security.SecureRandom;

/** Generated passwords and bcrypt hashing. */
public final class Passwords {

    /** Letters and digits that cannot be mistaken for one another when read off a screen. */
    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final int GENERATED_LENGTH = 20; // about 115 bits
    public static final int MIN_LENGTH = 12;
    private static final int COST = 12;

    private Passwords() {
    }

    public static String generate() {
        char[] chars = new char[GENERATED_LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }

    public static String hash(String password) {
        return BcryptUtil.bcryptHash(password, COST);
    }

    public static boolean matches(String password, String hash) {
        return BcryptUtil.matches(password, hash);
    }
}
