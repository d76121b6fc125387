package io.triage.security;

import io.quarkus.runtime.StartupEvent;
import io.triage.cluster.InstanceName;
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
import java.util.ArrayList;
import java.util.List;

/**
 * No default passwords: on the first start, with no accounts at all, Triage creates one account
 * per role (presales, policy-owner, auditor, admin), each with its own random password, and writes
 * them once to {@code <data dir>/initial-credentials.txt}, readable by the owner only. The log
 * names the file, never a password. Later starts leave the accounts alone.
 * <p>
 * Of several instances starting at once on one database, exactly one creates the accounts and
 * writes the file, in its own data folder; the others wait for it, then start without them. The
 * log of each names the instance that created them, and so does the access log.
 */
@ApplicationScoped
public class FirstStart {

    private static final Logger LOG = Logger.getLogger(FirstStart.class);
    public static final String CREDENTIALS_FILE = "initial-credentials.txt";

    private final AccountStore accounts;
    private final AccessLog accessLog;
    private final Path dataDir;
    private final String instance;

    FirstStart(AccountStore accounts, AccessLog accessLog, TriageConfig config, InstanceName instance) {
        this.accounts = accounts;
        this.accessLog = accessLog;
        this.dataDir = config.dataDir();
        this.instance = instance.value();
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (accounts.count() > 0) {
            return;
        }
        StringBuilder file = new StringBuilder();
        List<Account> first = new ArrayList<>();
        Instant now = Instant.now();
        for (String role : Roles.ALL) {
            String password = Passwords.generate();
            first.add(new Account(role, Passwords.hash(password), List.of(role), true, now, "first-start", now));
            file.append(role).append(':').append(password).append('\n');
        }
        Path target = dataDir.resolve(CREDENTIALS_FILE);
        // written before the accounts are committed: accounts whose passwords nobody was told would lock everyone out
        if (!accounts.createFirst(first, () -> writeOwnerOnly(target, file.toString()))) {
            LOG.infof("first start: another instance created the first accounts; their passwords are in %s in the data "
                    + "folder of that instance (the access log names it)", CREDENTIALS_FILE);
            return;
        }
        for (String role : Roles.ALL) {
            accessLog.record("system", AccessLog.Action.ACCOUNT_CREATED, role, null,
                    "first start on instance " + instance + ", role " + role);
        }
        LOG.warnf("first start: created one account per role; their passwords are in %s on instance %s (readable by this "
                + "user only). Log in, change them (POST /api/me/password), then delete the file.",
                target.toAbsolutePath().normalize(), instance);
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
