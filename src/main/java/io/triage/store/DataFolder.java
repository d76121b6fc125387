package io.triage.store;

import io.quarkus.runtime.StartupEvent;
import io.triage.config.StartupRefusal;
import io.triage.config.TriageConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data folder holds the H2 database (every decision, every password hash) and the first
 * credentials: owner only. Java cannot set a umask, and H2 creates its files with the process's
 * (typically world-readable), so the folder itself is made 0700 before the database is opened,
 * which keeps everything in it from other users, and every file in it is made 0600 at startup,
 * before and again after the database opened. A folder this process cannot write stops startup
 * with one line, before H2 would open the database read-only and fail on the first decision.
 */
@ApplicationScoped
public class DataFolder {

    private static final Logger LOG = Logger.getLogger(DataFolder.class);
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;

    DataFolder(TriageConfig config) {
        this.dir = config.dataDir().toAbsolutePath().normalize();
    }

    void onStart(@Observes @Priority(2) StartupEvent event) {
        prepare();
    }

    /** Creates the folder owner-only, or makes it so, and proves it writable; refuses to start otherwise. */
    void prepare() {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
                } else {
                    Files.createDirectories(dir);
                }
            }
        } catch (IOException e) {
            throw new StartupRefusal("the data folder " + dir + " cannot be created (" + reason(e) + "); create it for this user, "
                    + "or set triage.data-dir (TRIAGE_DATA_DIR) to a folder this user can write");
        }
        try {
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new StartupRefusal("the data folder " + dir + " is not writable (" + reason(e) + "); make it writable for "
                    + "this user, or set triage.data-dir (TRIAGE_DATA_DIR) to a folder that is");
        }
        if (posix) {
            restrict();
        }
    }

    /** 0700 for the folder, 0600 for every file in it; a file that cannot be changed is named in the log. */
    public void restrict() {
        try {
            Files.setPosixFilePermissions(dir, FOLDER);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warnf("cannot make the data folder %s owner-only: %s", dir, reason(e));
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    if (!Files.getPosixFilePermissions(file).equals(FILE)) {
                        Files.setPosixFilePermissions(file, FILE);
                    }
                } catch (IOException e) {
                    LOG.warnf("cannot make %s owner-only: %s", file, reason(e));
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot list the data folder %s: %s", dir, reason(e));
        }
    }

    public Path dir() {
        return dir;
    }

    private static String reason(Exception e) {
        String name = e.getClass().getSimpleName();
        return switch (name) {
            case "AccessDeniedException" -> "permission denied";
            case "FileSystemException" -> e.getMessage() == null ? "file system error"
                    : e.getMessage().substring(e.getMessage().lastIndexOf(':') + 1).trim().toLowerCase();
            case "NoSuchFileException" -> "a folder on its path does not exist";
            case "NotDirectoryException", "FileAlreadyExistsException" -> "something on its path is a file, not a folder";
            default -> e.getMessage() == null ? name : e.getMessage();
        };
    }
}
