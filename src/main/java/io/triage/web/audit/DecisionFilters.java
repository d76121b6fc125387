package io.triage.web.audit;

import io.triage.common.InputError;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decision list's filter form as typed, with the message for each field that was not
 * accepted, and the known recommendation codes for the code select.
 */
public record DecisionFilters(String from, String to, String code, String user, List<String> knownCodes,
                              Map<String, String> errors) {

    public static DecisionFilters of(String from, String to, String code, String user, List<String> knownCodes) {
        return new DecisionFilters(blank(from), blank(to), blank(code), blank(user), knownCodes, Map.of());
    }

    public DecisionFilters withErrors(List<InputError> inputErrors) {
        Map<String, String> byField = new LinkedHashMap<>();
        inputErrors.forEach(e -> byField.merge(e.field() == null ? "form" : e.field(), e.message(), (a, b) -> a + "; " + b));
        return new DecisionFilters(from, to, code, user, knownCodes, byField);
    }

    public boolean invalid() {
        return !errors.isEmpty();
    }

    public String fromError() {
        return errors.get("from");
    }

    public String toError() {
        return errors.get("to");
    }

    /** Every message, named by its field: the summary above the list. */
    public List<String> messages() {
        return errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }

    /** The typed code is offered in the select even if the active catalogue no longer knows it. */
    public List<String> codeOptions() {
        if (code == null || knownCodes.contains(code)) {
            return knownCodes;
        }
        return java.util.stream.Stream.concat(knownCodes.stream(), java.util.stream.Stream.of(code)).toList();
    }

    /** The address of the next page: the same filters, older than {@code next}. */
    public String olderHref(String next) {
        StringBuilder sb = new StringBuilder("/audit?");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("from", from);
        params.put("to", to);
        params.put("code", code);
        params.put("user", user);
        params.forEach((name, value) -> {
            if (value != null) {
                sb.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
            }
        });
        return sb.append("before=").append(URLEncoder.encode(next, StandardCharsets.UTF_8)).toString();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
