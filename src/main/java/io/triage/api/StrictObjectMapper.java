package io.triage.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.triage.common.StrictJson;
import jakarta.inject.Singleton;

/**
 * Every body Triage takes is read as text and parsed by {@link StrictJson}. Should an endpoint ever
 * let the REST layer bind a body to a record instead, that reader is held to the same walls:
 * no key twice, nothing after the value, the same depth and number limits.
 */
@Singleton
public class StrictObjectMapper implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StrictJson.constraints());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
