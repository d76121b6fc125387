package io.triage.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the single setting {@code triage.db.kind} into the two datasources' {@code active} flags,
 * so switching to PostgreSQL is one setting (plus its URL and credentials), never a rebuild.
 * An unknown kind stops startup with a message that says what is allowed.
 */
public class DatabaseSelection implements ConfigSourceFactory {

    // Above application.properties (250), below environment variables (300) and -D flags (400).
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue value = context.getValue("triage.db.kind");
        String kind = value == null || value.getValue() == null ? "h2" : value.getValue().trim().toLowerCase(Locale.ROOT);
        if (!kind.equals("h2") && !kind.equals("postgresql")) {
            throw new IllegalArgumentException("triage.db.kind is '" + value.getValue() + "'; use h2 or postgresql");
        }
        return List.of(new MapBackedConfigSource("triage database selection", Map.of(
                "quarkus.datasource.h2.active", String.valueOf(kind.equals("h2")),
                "quarkus.datasource.postgresql.active", String.valueOf(kind.equals("postgresql"))), ORDINAL) {
        });
    }
}
