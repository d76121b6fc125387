package io.triage.security;

import io.quarkus.runtime.StartupEvent;
import io.triage.config.TriageConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

/**
 * No default passwords: on the first start, with no accounts at all, Triage creates one account
 * per role (presales, policy-owner, auditor, admin), each with its own random password, and writes
 * them once to {@code <data dir>/initial-credentials.txt}, readable by the owner only. The log
 * names the file, never a password. Later starts leave the accounts alone.
 */
@ApplicationScoped
public class FirstStart {

    private static final Logger LOG = Logger.getLogger(FirstStart.class);
    public static final String CREDENTIALS_FILE = "initial-credentials.txt";

    private final AccountStore accounts;
    private final AccessLog accessLog;
    private final Path dataDir;

    FirstStart(AccountStore accounts, AccessLog accessLog, TriageConfig config) {
        this.accounts = accounts;
        this.accessLog = accessLog;
        this.dataDir = config.dataDir();
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (accounts.count() > 0) {
            return;
        }
        StringBuilder file = new StringBuilder();
        Instant now = Instant.now();
        for (String role : Roles.ALL) {
            String password = Passwords.generate();
            if (accounts.create(new Account(role, Passwords.hash(password), List.of(role), true, now, "first-start", now))) {
                accessLog.record("system", AccessLog.Action.ACCOUNT_CREATED, role, null, "first start, role " + role);
                file.append(role).append(':').append(password).append('\n');
            }
        }
        Path written = writeOwnerOnly(dataDir.resolve(CREDENTIALS_FILE), file.toString());
        LOG.warnf("first start: created one account per role; their passwords are in %s (readable by this user only). "
                + "Log in, change them (POST /api/me/password), then delete the file.", written.toAbsolutePath().normalize());
    }

    private static Path writeOwnerOnly(Path target, String content) {
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".credentials", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            return Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the first credentials to " + target, e);
        }
    }
}
