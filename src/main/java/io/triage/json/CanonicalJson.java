package io.triage.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Canonical JSON: object keys sorted, no insignificant whitespace, every number written as the
 * shortest plain decimal of its value (no exponent, no trailing zeros, so 5000.0 and 5E+3 both
 * become 5000). Two documents with the same content always give the same bytes, which is what
 * the hash chain and content-addressed versions rest on.
 */
public final class CanonicalJson {

    /** Reads JSON keeping every number exact, so canonical output does not depend on float parsing. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int MAX_PLAIN_DIGITS = 1_000;

    private CanonicalJson() {
    }

    public static byte[] bytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            write(node, gen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String string(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The one fixed form of a number: plain decimal, no exponent, no trailing zeros. A number
     * whose plain form would run past {@value #MAX_PLAIN_DIGITS} digits is refused: input is
     * bounded long before it gets here (NumberLimits), but a crafted bundle is read by this too,
     * and 1e999999999 written out is a gigabyte.
     */
    public static String number(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        if (value.precision() > MAX_PLAIN_DIGITS || Math.abs((long) value.scale()) > MAX_PLAIN_DIGITS) {
            throw new IllegalArgumentException("a number of more than " + MAX_PLAIN_DIGITS + " digits has no canonical form here");
        }
        if (value.scale() == 0) {
            return value.toString(); // an integer with no trailing zeros to strip: already plain
        }
        return value.stripTrailingZeros().toPlainString();
    }

    public static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value); // whole numbers are exact below 2^53
        }
        return number(BigDecimal.valueOf(value));
    }

    private static boolean keysSorted(JsonNode node) {
        String previous = null;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (previous != null && previous.compareTo(name) >= 0) {
                return false;
            }
            previous = name;
        }
        return true;
    }

    static void write(JsonNode node, JsonGenerator gen) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                gen.writeStartObject();
                if (keysSorted(node)) {
                    // the common case: builders add keys in order, so no copy and sort is needed
                    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> field = it.next();
                        gen.writeFieldName(field.getKey());
                        write(field.getValue(), gen);
                    }
                } else {
                    List<String> names = new ArrayList<>(node.size());
                    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                        names.add(it.next());
                    }
                    names.sort(null);
                    for (String name : names) {
                        gen.writeFieldName(name);
                        write(node.get(name), gen);
                    }
                }
                gen.writeEndObject();
            }
            case ARRAY -> {
                gen.writeStartArray();
                for (JsonNode item : node) {
                    write(item, gen);
                }
                gen.writeEndArray();
            }
            case NUMBER -> {
                if (node.isInt() || node.isLong()) {
                    gen.writeNumber(node.longValue());
                } else if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
                    gen.writeNumber(number(node.doubleValue()));
                } else {
                    gen.writeNumber(number(node.decimalValue()));
                }
            }
            case STRING -> gen.writeString(node.textValue());
            case BOOLEAN -> gen.writeBoolean(node.booleanValue());
            case NULL, MISSING -> gen.writeNull();
            default -> throw new IllegalArgumentException("not representable in canonical json: " + node.getNodeType());
        }
    }
}
