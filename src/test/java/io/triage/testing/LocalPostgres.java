package io.triage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, throwaway PostgreSQL server for tests, started from the installed server binaries
 * (Debian's {@code postgresql} package) in a temporary folder on a free port, with a password
 * login. One per test JVM; each user asks for its own fresh database.
 */
public final class LocalPostgres {

    private static LocalPostgres instance;

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final String user = "triage";
    private final String password;
    private final boolean asPostgresUser;

    private LocalPostgres(Path bin) throws IOException, InterruptedException {
        this.bin = bin;
        this.dataDir = Files.createTempDirectory("triage-pg-");
        this.port = freePort();
        this.password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        // initdb refuses to run as root; CI runs as root, so the server runs as 'postgres' there.
        this.asPostgresUser = "root".equals(System.getProperty("user.name"));
        Path pwfile = dataDir.resolveSibling(dataDir.getFileName() + ".pw");
        Files.writeString(pwfile, password + "\n");
        if (asPostgresUser) {
            run(List.of("chown", "postgres", dataDir.toString(), pwfile.toString()), false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", user, "--pwfile=" + pwfile,
                "--auth=scram-sha-256", "-E", "UTF8", "--locale=C"), true);
        Files.deleteIfExists(pwfile);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-t", "60", "-l",
                dataDir.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c max_connections=100 "
                        // e.g. -Dbench.pgOptions="-c log_checkpoints=on" to see what the server did during a benchmark
                        + System.getProperty("bench.pgOptions", ""), "start"), true);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    /** The shared server, started on first use. */
    public static synchronized LocalPostgres get() {
        if (instance == null) {
            try {
                instance = new LocalPostgres(findBin());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** Creates a new empty database and returns its JDBC URL. */
    public String createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return jdbcUrl(name);
    }

    /** A data source on one of this server's databases, its connections named as the caller says (seen in pg_stat_activity). */
    public org.postgresql.ds.PGSimpleDataSource dataSource(String url, String applicationName) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(user);
        ds.setPassword(password);
        ds.setApplicationName(applicationName);
        return ds;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    private void stop() {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "stop"), true);
        } catch (Exception ignored) {
            // best effort at JVM exit
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    private void run(List<String> command, boolean asServerUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServerUser && asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("'" + String.join(" ", command) + "' failed:\n" + output);
        }
    }

    private static Path findBin() throws IOException {
        String configured = System.getenv("PG_BIN");
        if (configured != null) {
            return Path.of(configured);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries not found: install Debian's 'postgresql' package "
                + "(apt-get install -y postgresql) or set PG_BIN to the folder holding initdb and pg_ctl");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
