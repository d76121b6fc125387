package io.triage.bench;

import io.triage.testing.LocalPostgres;
import org.postgresql.PGStatement;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;
import java.util.UUID;

/**
 * What reading the log costs the reader on PostgreSQL with rows sent as text (a {@code bytea} as hex
 * digits, the driver's default for a statement run once) and as binary (what a scan of the log asks
 * for, {@code DecisionQueries.scan}): the same rows of the log's shape, with records of incompressible
 * bytes the size of an average LZ4 record, scanned in turn by each, on a fresh test server.
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.triage.bench.ScanTransfer
 * </pre>
 * Properties: {@code bench.rows} (default 60,000), {@code bench.recordBytes} (default 2,300),
 * {@code bench.rounds} (measured rounds of both, after two more to warm up; default 6).
 */
public final class ScanTransfer {

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 60_000);
        int recordBytes = Integer.getInteger("bench.recordBytes", 2_300);
        int rounds = Integer.getInteger("bench.rounds", 6);
        LocalPostgres pg = LocalPostgres.get();
        var data = pg.dataSource(pg.createDatabase("scan_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)), "scan");
        try (Connection c = data.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE log (seq BIGINT PRIMARY KEY, id VARCHAR(36) NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                    + " record BYTEA NOT NULL, record_hash VARCHAR(71) NOT NULL) WITH (toast_tuple_target = 8160)");
            c.setAutoCommit(false);
            Random random = new Random(1);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO log VALUES (?, ?, now(), ?, ?)")) {
                for (int i = 1; i <= rows; i++) {
                    byte[] record = new byte[recordBytes];
                    random.nextBytes(record);
                    insert.setLong(1, i);
                    insert.setString(2, UUID.randomUUID().toString());
                    insert.setBytes(3, record);
                    insert.setString(4, "sha256:" + "0".repeat(64));
                    insert.addBatch();
                    if (i % 1000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            s.execute("VACUUM ANALYZE log");
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.printf("%,d rows with %,d-byte records, scanned %d times each way after 2 rounds of warm-up%n", rows, recordBytes, rounds);
        System.out.println("| rows sent as | wall µs per row | reader's CPU µs per row |");
        System.out.println("|---|---:|---:|");
        for (int round = 0; round < rounds + 2; round++) {
            for (boolean binary : new boolean[] {false, true}) {
                try (Connection c = data.getConnection()) {
                    c.setAutoCommit(false); // a cursor, as the log's scan uses
                    long cpu = threads.getCurrentThreadCpuTime();
                    long wall = System.nanoTime();
                    try (PreparedStatement scan = c.prepareStatement("SELECT seq, id, created_at, record, record_hash FROM log ORDER BY seq")) {
                        scan.setFetchSize(500);
                        if (binary) {
                            scan.unwrap(PGStatement.class).setPrepareThreshold(-1);
                        }
                        try (ResultSet rs = scan.executeQuery()) {
                            while (rs.next()) {
                                if (rs.getBytes(4).length != recordBytes || rs.getTimestamp(3) == null || rs.getString(2).length() != 36) {
                                    throw new IllegalStateException("a row came back different");
                                }
                            }
                        }
                    }
                    c.rollback();
                    if (round >= 2) {
                        System.out.printf("| %s | %.1f | %.1f |%n", binary ? "binary" : "text", (System.nanoTime() - wall) / 1e3 / rows,
                                (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / rows);
                    }
                }
            }
        }
        System.exit(0); // the test server stops with this JVM
    }

    private ScanTransfer() {
    }
}
