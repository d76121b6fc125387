package io.triage.store;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.flyway.FlywayDataSource;
import io.quarkus.runtime.StartupEvent;
import io.triage.config.StartupRefusal;
import io.triage.config.TriageConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;

import java.sql.SQLException;

/**
 * Opens the database by bringing its schema up to date, at startup, after the session key and the
 * data folder were checked (Flyway's own migrate-at-start would open it before either). A
 * database another process holds, or a PostgreSQL that cannot be reached, stops startup with one
 * line saying what to do; anything unexpected keeps its full stack trace.
 */
@ApplicationScoped
public class DatabaseStart {

    /** H2: "Database may be already in use" (the file is locked by another process). */
    private static final int H2_ALREADY_OPEN = 90020;
    /** {@code decisions.record} on H2 ({@code V1__decision_log.sql}). */
    private static final long H2_RECORD_COLUMN_BYTES = 1_000_000;

    private final TriageConfig config;
    private final DataFolder folder;
    private final InjectableInstance<Flyway> h2;
    private final InjectableInstance<Flyway> postgresql;

    @Inject
    DatabaseStart(TriageConfig config, DataFolder folder,
                  @FlywayDataSource("h2") InjectableInstance<Flyway> h2,
                  @FlywayDataSource("postgresql") InjectableInstance<Flyway> postgresql) {
        this.config = config;
        this.folder = folder;
        this.h2 = h2;
        this.postgresql = postgresql;
    }

    void onStart(@Observes @Priority(3) StartupEvent event) {
        boolean onPostgres = config.db().kind() == TriageConfig.Db.Kind.POSTGRESQL;
        refuseRecordsTheLogCannotHold(config.engine().maxRecord().asLongValue(), onPostgres);
        try {
            (onPostgres ? postgresql : h2).get().migrate();
        } catch (RuntimeException e) {
            StartupRefusal refusal = refusal(e, onPostgres);
            throw refusal == null ? e : refusal;
        }
        folder.restrict(); // the files H2 has just created
    }

    /**
     * A record the engine accepts must be one the log can store and read back: otherwise a large
     * enough decision would fail only when it is written, or be read back as damaged.
     */
    static void refuseRecordsTheLogCannotHold(long maxRecord, boolean onPostgres) {
        long ceiling = onPostgres ? RecordCodec.MAX_RECORD_BYTES : largestRecordOnH2();
        if (maxRecord > ceiling) {
            throw new StartupRefusal("triage.engine.max-record is " + maxRecord + " bytes, but the log "
                    + (onPostgres ? "reads back records of at most " : "on H2 holds records of at most ") + ceiling
                    + " bytes; lower it (TRIAGE_ENGINE_MAX_RECORD)" + (onPostgres ? "" : " or use PostgreSQL"));
        }
    }

    /** The largest record that fits H2's record column even if it does not compress at all. */
    static long largestRecordOnH2() {
        long record = H2_RECORD_COLUMN_BYTES;
        while (RecordCodec.largestStored(record) > H2_RECORD_COLUMN_BYTES) {
            record -= 64;
        }
        return record;
    }

    private StartupRefusal refusal(Throwable failure, boolean onPostgres) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                if (!onPostgres && (sql.getErrorCode() == H2_ALREADY_OPEN || String.valueOf(sql.getMessage()).contains("is locked"))) {
                    return new StartupRefusal("the database in " + folder.dir() + " is in use by another process (is Triage "
                            + "already running with this data folder?); stop that process, or give this one its own folder "
                            + "with triage.data-dir (TRIAGE_DATA_DIR)");
                }
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (onPostgres && (state.startsWith("08") || state.startsWith("28") || state.equals("3D000"))) {
                    return new StartupRefusal("cannot connect to PostgreSQL at " + config.db().url().orElse("(triage.db.url not set)")
                            + ": " + firstLine(sql.getMessage()) + "; check triage.db.url, triage.db.user and TRIAGE_DB_PASSWORD");
                }
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        return message == null ? "no reason given" : message.strip().split("\\R", 2)[0];
    }
}
