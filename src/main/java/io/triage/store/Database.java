package io.triage.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.triage.config.TriageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

/**
 * The one database Triage stores into, chosen at run time by {@code triage.db.kind}: the embedded
 * H2 file database (default) or PostgreSQL. Both drivers are built in; no rebuild to switch.
 */
@ApplicationScoped
public class Database {

    private final DataSource dataSource;
    private final TriageConfig.Db.Kind kind;

    @Inject
    Database(TriageConfig config,
             @io.quarkus.agroal.DataSource("h2") InjectableInstance<AgroalDataSource> h2,
             @io.quarkus.agroal.DataSource("postgresql") InjectableInstance<AgroalDataSource> postgresql) {
        this.kind = config.db().kind();
        this.dataSource = kind == TriageConfig.Db.Kind.POSTGRESQL ? postgresql.get() : h2.get();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public TriageConfig.Db.Kind kind() {
        return kind;
    }

    /** Whether other instances may use this database too (PostgreSQL); an H2 file has one process. */
    public boolean shared() {
        return kind == TriageConfig.Db.Kind.POSTGRESQL;
    }
}
