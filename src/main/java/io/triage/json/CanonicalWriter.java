package io.triage.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes canonical JSON straight to bytes, without building a tree first: the hot path of every
 * decision and replay. Callers write object keys in sorted order; the writer checks that they do
 * and fails loudly otherwise, so its output is canonical by construction (the same bytes
 * {@link CanonicalJson#bytes} gives for the same document).
 */
public final class CanonicalWriter {

    private static final JsonFactory FACTORY = new JsonFactory();
    /**
     * Keys already quoted and encoded: a record has a few hundred keys from a small vocabulary
     * (field names, question ids, parameter names), and copying prepared bytes is cheaper than
     * escaping each key again. Bounded in number and length, because question ids and parameter
     * names come from rule sets, which policy owners write.
     */
    private static final int KEYS_REMEMBERED = 4_096;
    private static final int KEY_LENGTH_REMEMBERED = 64;
    private static final Map<String, SerializedString> KEYS = new ConcurrentHashMap<>();
    // a sentinel compared by identity: no key written yet in this object
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String FIRST = new String("");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    private final JsonGenerator gen;
    // the last key written in each open object; FIRST before the first one
    private final Deque<String> lastKeys = new ArrayDeque<>();

    public CanonicalWriter() {
        try {
            gen = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CanonicalWriter startObject() {
        try {
            gen.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lastKeys.push(FIRST);
        return this;
    }

    public CanonicalWriter endObject() {
        lastKeys.pop();
        try {
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public CanonicalWriter startArray() {
        try {
            gen.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public CanonicalWriter endArray() {
        try {
            gen.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * A key or string value known when the code is written, quoted and encoded once: a record writes
     * a few hundred keys from a small vocabulary, and each found in the shared map costs a lookup.
     */
    public static final class Name {
        private final String text;
        private final SerializedString quoted;

        private Name(String text) {
            this.text = text;
            this.quoted = new SerializedString(text);
        }

        /** Printable ASCII only, which needs no escaping and comes out as the generator writes it. */
        public static Name of(String text) {
            if (!isPrintableAscii(text)) {
                throw new IllegalArgumentException("a prepared name must be printable ASCII without quotes or backslashes: " + text);
            }
            return new Name(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The next key of the current object, prepared; must sort after the previous one. */
    public CanonicalWriter key(Name name) {
        follows(name.text);
        try {
            gen.writeFieldName(name.quoted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A string value known beforehand, prepared. */
    public CanonicalWriter string(Name value) {
        try {
            gen.writeString(value.quoted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private void follows(String name) {
        String last = lastKeys.pop();
        if (last != FIRST && last.compareTo(name) >= 0) {
            throw new IllegalStateException("key '" + name + "' written after '" + last + "': not canonical order");
        }
        lastKeys.push(name);
    }

    /** The next key of the current object; must sort after the previous one. */
    public CanonicalWriter key(String name) {
        follows(name);
        try {
            SerializedString quoted = KEYS.get(name);
            if (quoted == null && KEYS.size() < KEYS_REMEMBERED && name.length() <= KEY_LENGTH_REMEMBERED && isPrintableAscii(name)) {
                quoted = KEYS.computeIfAbsent(name, SerializedString::new);
            }
            if (quoted != null) {
                gen.writeFieldName(quoted);
            } else {
                gen.writeFieldName(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    // Only these keys are remembered: the generator escapes characters beyond them (a character
    // outside the Basic Multilingual Plane, for one) differently from a prepared key.
    private static boolean isPrintableAscii(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    public CanonicalWriter string(String value) {
        try {
            if (value == null) {
                gen.writeNull();
            } else {
                gen.writeString(value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public CanonicalWriter bool(boolean value) {
        try {
            gen.writeBoolean(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public CanonicalWriter number(long value) {
        try {
            gen.writeNumber(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public CanonicalWriter number(double value) {
        try {
            gen.writeNumber(CanonicalJson.number(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public CanonicalWriter number(BigDecimal value) {
        try {
            gen.writeNumber(CanonicalJson.number(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public CanonicalWriter nullValue() {
        try {
            gen.writeNull();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A String, Boolean, BigDecimal, Double or null, as an answer value may be. */
    public CanonicalWriter value(Object value) {
        if (value == null) {
            return nullValue();
        } else if (value instanceof String s) {
            return string(s);
        } else if (value instanceof Boolean b) {
            return bool(b);
        } else if (value instanceof BigDecimal n) {
            return number(n);
        } else if (value instanceof Double d) {
            return number(d);
        }
        throw new IllegalArgumentException("not a json value: " + value);
    }

    /** A whole tree, written canonically whatever its key order. */
    public CanonicalWriter tree(JsonNode node) {
        try {
            CanonicalJson.write(node, gen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** How many bytes have been written so far: a place to splice into the finished output. */
    public int position() {
        try {
            gen.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }

    /**
     * The finished document; the writer takes nothing more. Closing the generator hands its
     * buffers back to Jackson's pool for the next writer: left open, every writer allocated them
     * anew, 16 KB per decision record.
     */
    public byte[] toBytes() {
        try {
            gen.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
