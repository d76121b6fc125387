package io.triage.json;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests written as {@code sha256:<hex>}, the form every version and record hash takes. */
public final class Sha256 {

    public static final String PREFIX = "sha256:";

    private Sha256() {
    }

    public static String of(byte[]... parts) {
        MessageDigest digest = newDigest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return PREFIX + HexFormat.of().formatHex(digest.digest());
    }

    public static boolean looksLikeHash(String text) {
        return text != null && text.matches("sha256:[0-9a-f]{64}");
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM offers no SHA-256", e);
        }
    }
}
