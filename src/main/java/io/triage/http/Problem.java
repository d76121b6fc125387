package io.triage.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.triage.common.InputError;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * An RFC 9457 problem document; {@code errors} lists each offending field or file location and
 * {@code report}, where there is one, is the full validation report of a refused rule set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<InputError> errors, JsonNode report) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(int status, String type, String title, String detail, List<InputError> errors) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(new Problem("urn:triage:problem:" + type, title, status, detail, errors, null))
                .build();
    }

    public static Response withReport(int status, String type, String title, String detail, List<InputError> errors,
                                      JsonNode report) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(new Problem("urn:triage:problem:" + type, title, status, detail, errors, report))
                .build();
    }

    public static Response response(int status, String type, String title, String detail) {
        return response(status, type, title, detail, null);
    }
}
