package io.triage.store;

import io.triage.common.StoreUnavailableException;
import io.triage.history.DecisionQuery;
import io.triage.history.StoredDecision;
import io.triage.config.TriageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads the decision log: one decision, a filtered page, or every record in chain order. */
@ApplicationScoped
public class DecisionQueries {

    private static final String COLUMNS = "d.seq, d.id, d.record, d.previous_hash, d.record_hash, "
            + "d.created_at, d.submitted_by, d.ruleset_version, d.questionnaire_version, d.codes";
    private static final int SCAN_FETCH = 500;
    private static final int SCAN_PAGE = 2_000;

    /** One page and the cursor for the next, if there is one. */
    public record Page(List<StoredDecision> items, Long next) {
    }

    private final DataSource dataSource;
    /** Whether the whole log is read in pages (H2) rather than through one query's cursor (PostgreSQL). */
    private final boolean pagedScan;
    private final int scanPage;

    @Inject
    DecisionQueries(Database database) {
        this(database.dataSource(), database.kind() == TriageConfig.Db.Kind.H2, SCAN_PAGE);
    }

    /** Reads the whole log in pages of {@code scanPage} records (tests make them small). */
    DecisionQueries(DataSource dataSource, int scanPage) {
        this(dataSource, true, scanPage);
    }

    private DecisionQueries(DataSource dataSource, boolean pagedScan, int scanPage) {
        if (scanPage < 1) {
            throw new IllegalArgumentException("a page holds at least one record, not " + scanPage);
        }
        this.dataSource = dataSource;
        this.pagedScan = pagedScan;
        this.scanPage = scanPage;
    }

    public Optional<StoredDecision> find(String id) {
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM decisions d WHERE d.id = ?")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** A decision stored under an idempotency key, with the hash of the request that stored it. */
    public record KeyedDecision(StoredDecision decision, String requestHash) {
    }

    public Optional<KeyedDecision> findByRequest(String submittedBy, String key) {
        return query(c -> findByRequest(c, submittedBy, key));
    }

    static Optional<KeyedDecision> findByRequest(Connection c, String submittedBy, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + ", r.request_hash FROM decision_requests r "
                + "JOIN decisions d ON d.id = r.decision_id WHERE r.submitted_by = ? AND r.idempotency_key = ?")) {
            s.setString(1, submittedBy);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new KeyedDecision(read(rs), rs.getString(11))) : Optional.empty();
            }
        }
    }

    /**
     * Which of these idempotency keys (each a person and a key; at most {@link DecisionLog#MAX_BATCH})
     * were used before. The query has the shape each database looks up in the primary key (checked
     * with their plans): on PostgreSQL one query per person with the keys in an {@code IN} list (one
     * index scan; a row-value {@code IN} is planned as an OR of lookups, which cost more than the old
     * one query per key), on H2 one row-value {@code IN} for all (the key list made H2 read every key
     * the person had ever used).
     */
    static List<RequestKeyOf> usedRequestKeys(Connection c, java.util.Collection<RequestKeyOf> keys) throws SQLException {
        boolean postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        List<List<RequestKeyOf>> queries = postgres
                ? List.copyOf(keys.stream().collect(java.util.stream.Collectors.groupingBy(RequestKeyOf::submittedBy,
                        java.util.LinkedHashMap::new, java.util.stream.Collectors.toList())).values())
                : List.of(List.copyOf(keys));
        List<RequestKeyOf> used = new ArrayList<>();
        for (List<RequestKeyOf> some : queries) {
            try (PreparedStatement s = c.prepareStatement(postgres ? usedKeysOfOnePersonQuery(some.size()) : usedRequestKeysQuery(some.size()))) {
                int i = 1;
                if (postgres) {
                    s.setString(i++, some.get(0).submittedBy());
                    for (RequestKeyOf key : some) {
                        s.setString(i++, key.key());
                    }
                } else {
                    for (RequestKeyOf key : some) {
                        s.setString(i++, key.submittedBy());
                        s.setString(i++, key.key());
                    }
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        used.add(new RequestKeyOf(rs.getString(1), rs.getString(2)));
                    }
                }
            }
        }
        return used;
    }

    static String usedRequestKeysQuery(int keys) {
        return "SELECT submitted_by, idempotency_key FROM decision_requests WHERE (submitted_by, idempotency_key) IN ("
                + String.join(", ", java.util.Collections.nCopies(keys, "(?, ?)")) + ")";
    }

    static String usedKeysOfOnePersonQuery(int keys) {
        return "SELECT submitted_by, idempotency_key FROM decision_requests WHERE submitted_by = ? AND idempotency_key IN ("
                + String.join(", ", java.util.Collections.nCopies(keys, "?")) + ")";
    }

    /** An idempotency key as stored: whose it is, and the key. */
    record RequestKeyOf(String submittedBy, String key) {
    }

    public Optional<StoredDecision> findBySeq(long seq) {
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM decisions d WHERE d.seq = ?")) {
                s.setLong(1, seq);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    public Page page(DecisionQuery q) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM decisions d WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.before() != null) {
            sql.append(" AND d.seq < ?");
            params.add(q.before());
        }
        if (q.from() != null) {
            sql.append(" AND d.created_at >= ?");
            params.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND d.created_at < ?");
            params.add(Timestamp.from(q.to()));
        }
        if (q.submittedBy() != null) {
            sql.append(" AND d.submitted_by = ?");
            params.add(q.submittedBy());
        }
        if (q.code() != null) {
            sql.append(" AND d.codes LIKE ? ESCAPE '!'");
            params.add("% " + q.code().replace("!", "!!").replace("%", "!%").replace("_", "!_") + " %");
        }
        sql.append(" ORDER BY d.seq DESC LIMIT ").append(q.limit() + 1);
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    s.setObject(i + 1, params.get(i));
                }
                List<StoredDecision> items = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(read(rs));
                    }
                }
                Long next = null;
                if (items.size() > q.limit()) {
                    items = items.subList(0, q.limit());
                    next = items.get(items.size() - 1).seq();
                }
                return new Page(List.copyOf(items), next);
            }
        });
    }

    /** How many decisions were made in [from, to) (either end may be open): the size of a scan before it runs. */
    public long count(java.time.Instant from, java.time.Instant to) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM decisions d WHERE 1 = 1");
        if (from != null) {
            sql.append(" AND d.created_at >= ?");
        }
        if (to != null) {
            sql.append(" AND d.created_at < ?");
        }
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                int i = 1;
                if (from != null) {
                    s.setTimestamp(i++, Timestamp.from(from));
                }
                if (to != null) {
                    s.setTimestamp(i, Timestamp.from(to));
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Every record in chain order (optionally only those created in [from, to)), streamed so that
     * memory stays flat however long the log is.
     */
    public void scan(java.time.Instant from, java.time.Instant to, Consumer<StoredDecision> each) {
        if (from == null && to == null && pagedScan) {
            scanH2InPages(each);
            return;
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM decisions d WHERE 1 = 1");
        if (from != null) {
            sql.append(" AND d.created_at >= ?");
        }
        if (to != null) {
            sql.append(" AND d.created_at < ?");
        }
        sql.append(" ORDER BY d.seq");
        query(c -> {
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                int i = 1;
                if (from != null) {
                    s.setTimestamp(i++, Timestamp.from(from));
                }
                if (to != null) {
                    s.setTimestamp(i, Timestamp.from(to));
                }
                s.setFetchSize(SCAN_FETCH);
                if (s.isWrapperFor(org.postgresql.PGStatement.class)) {
                    // A statement run once gets its rows as text, and a record as hex digits, twice its
                    // size, decoded digit by digit; a negative threshold asks for binary rows at once.
                    s.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        each.accept(read(rs));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
            return null;
        });
    }

    /**
     * The whole log on H2, one page of records ({@value #SCAN_PAGE} by default) after another, up
     * to the record that was last when the scan began: a log that grows faster than its reader
     * cannot keep a scan going, and it covers what one query's snapshot would have. One query for
     * the whole log made H2 build the entire result, beyond 40,000 rows in temporary storage, before
     * it handed over the first row: about 2 s for 150,000 records, while a replay's threads or the
     * impact worker waited. H2's lazy execution would stream, but a lazy cursor reads an old version
     * of the file that H2 frees after its retention time, which the compaction sets to 5 s, and
     * reading a freed chunk closes the database (BENCHMARKS.md §17). Each page is a query of its
     * own, so H2 keeps what it reads for as long as it reads it.
     */
    private void scanH2InPages(Consumer<StoredDecision> each) {
        Long last = query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT MAX(seq) FROM decisions");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                long max = rs.getLong(1);
                return rs.wasNull() ? null : max;
            }
        });
        if (last == null) {
            return;
        }
        // the first page has no lower bound: a row inserted behind the writer's back with a seq
        // below 1 still reaches the verification, which reports it as out of order
        String first = "SELECT " + COLUMNS + " FROM decisions d WHERE d.seq <= ? ORDER BY d.seq FETCH FIRST " + scanPage + " ROWS ONLY";
        String next = "SELECT " + COLUMNS + " FROM decisions d WHERE d.seq > ? AND d.seq <= ? ORDER BY d.seq FETCH FIRST "
                + scanPage + " ROWS ONLY";
        Long after = null;
        while (true) {
            Long from = after;
            List<StoredDecision> page = query(c -> {
                try (PreparedStatement s = c.prepareStatement(from == null ? first : next)) {
                    int i = 1;
                    if (from != null) {
                        s.setLong(i++, from);
                    }
                    s.setLong(i, last);
                    try (ResultSet rs = s.executeQuery()) {
                        List<StoredDecision> rows = new ArrayList<>(scanPage);
                        while (rs.next()) {
                            rows.add(read(rs));
                        }
                        return rows;
                    }
                }
            });
            page.forEach(each);
            if (page.size() < scanPage) {
                return;
            }
            after = page.get(page.size() - 1).seq();
        }
    }

    private static StoredDecision read(ResultSet rs) throws SQLException {
        String record;
        try {
            record = RecordCodec.decode(rs.getBytes(3));
        } catch (RecordCodec.DamagedRecordException e) {
            record = null; // reported by verification; refused by every reader that needs the content
        }
        return new StoredDecision(rs.getLong(1), rs.getString(2), record, rs.getString(4), rs.getString(5),
                new StoredDecision.Lookup(rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10)));
    }

    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T query(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the decision log could not be read", e);
        }
    }
}
