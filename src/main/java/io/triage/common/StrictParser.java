package io.triage.common;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads JSON or YAML tokens and refuses, where they occur, what nothing in Triage should ever
 * accept: a key given twice in one object (which of the two would count?) and a number outside
 * {@link NumberLimits}. Every way of advancing goes through {@link #nextToken()}, so no reader
 * can step past a check.
 */
final class StrictParser extends JsonParserDelegate {

    /** Depth, number length and key length, enforced by the tokenizer itself (the first wall). */
    static final int MAX_DEPTH = 32;
    static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxNumberLength(NumberLimits.MAX_LENGTH)
            .maxNameLength(1_000)
            .build();

    /** A refusal of this parser: a stable code, the key it concerns, the place it was found. */
    static final class Refusal extends JsonParseException {
        private final String code;
        private final String field;

        Refusal(JsonParser p, String code, String field, String message, JsonLocation at) {
            super(p, message, at);
            this.code = code;
            this.field = field;
        }

        String code() {
            return code;
        }

        String field() {
            return field;
        }
    }

    private final Deque<Set<String>> keys = new ArrayDeque<>();

    StrictParser(JsonParser delegate) {
        super(delegate);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token;
        try {
            token = delegate.nextToken();
        } catch (StreamConstraintsException e) {
            throw limit(e);
        }
        if (token == null) {
            return null;
        }
        switch (token) {
            case START_OBJECT -> keys.push(new HashSet<>());
            case END_OBJECT -> keys.poll();
            case FIELD_NAME -> {
                String name = delegate.currentName();
                if (!keys.isEmpty() && !keys.peek().add(name)) {
                    throw new Refusal(this, "duplicate_key", name, InputError.quoted(name) + " is given twice in the same object",
                            delegate.currentTokenLocation());
                }
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> checkNumber();
            default -> {
            }
        }
        return token;
    }

    /** A limit of the tokenizer, said in Triage's words, at the place and under the key where it was hit. */
    private Refusal limit(StreamConstraintsException e) throws IOException {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        JsonLocation at = delegate.currentLocation();
        if (message.contains("nesting depth")) {
            return new Refusal(this, "too_deep", null, "nested deeper than " + MAX_DEPTH + " levels", at);
        }
        if (message.startsWith("Number")) {
            return new Refusal(this, "too_many_digits", delegate.currentName(), NumberLimits.tooLongMessage(reportedLength(message)), at);
        }
        if (message.startsWith("Name")) {
            return new Refusal(this, "key_too_long", null, "a key is longer than " + CONSTRAINTS.getMaxNameLength() + " characters", at);
        }
        return new Refusal(this, "too_large", delegate.currentName(), "a value exceeds a limit: "
                + message.replaceAll(" \\(from `?StreamReadConstraints[^)]*\\)", ""), at);
    }

    /** The length Jackson reports ("Number value length (2000) exceeds ..."), or one over the limit. */
    private static int reportedLength(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d{1,9})\\)").matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : NumberLimits.MAX_LENGTH + 1;
    }

    private void checkNumber() throws IOException {
        if (delegate.getTextLength() > NumberLimits.MAX_LENGTH) {
            throw new Refusal(this, "too_many_digits", delegate.currentName(),
                    NumberLimits.tooLongMessage(delegate.getTextLength()), delegate.currentTokenLocation());
        }
        BigDecimal value;
        try {
            value = delegate.getDecimalValue();
        } catch (NumberFormatException | ArithmeticException | JsonParseException e) {
            // an exponent beyond what a decimal can hold at all (1e-2147483649)
            throw new Refusal(this, "too_many_digits", delegate.currentName(),
                    NumberLimits.tooManyDigits("'" + delegate.getText() + "'"), delegate.currentTokenLocation());
        }
        String problem = NumberLimits.problem(value);
        if (problem != null) {
            throw new Refusal(this, "too_many_digits", delegate.currentName(), problem, delegate.currentTokenLocation());
        }
    }

    // The delegate would advance its own parser directly in these; route them through nextToken().

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public String nextFieldName() throws IOException {
        return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
    }

    @Override
    public boolean nextFieldName(SerializableString name) throws IOException {
        return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(currentName());
    }

    @Override
    public String nextTextValue() throws IOException {
        return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
    }

    @Override
    public int nextIntValue(int defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
    }

    @Override
    public long nextLongValue(long defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
    }

    @Override
    public Boolean nextBooleanValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }

    @Override
    public JsonParser skipChildren() throws IOException {
        if (currentToken() != JsonToken.START_OBJECT && currentToken() != JsonToken.START_ARRAY) {
            return this;
        }
        int open = 1;
        while (open > 0) {
            JsonToken token = nextToken();
            if (token == null) {
                return this;
            }
            if (token.isStructStart()) {
                open++;
            } else if (token.isStructEnd()) {
                open--;
            }
        }
        return this;
    }
}
