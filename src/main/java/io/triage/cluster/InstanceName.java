package io.triage.cluster;

import io.triage.config.TriageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name this instance goes by among the instances on one database: {@code triage.cluster.instance-name},
 * or the host name (a pod's name in Kubernetes) and the HTTP port, which tell apart several
 * instances on one machine and stay the same when an instance restarts.
 */
@ApplicationScoped
public class InstanceName {

    /** As long as the column that keeps it. */
    static final int MAX_LENGTH = 200;

    private final String value;

    InstanceName(TriageConfig config, @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        String name = config.cluster().instanceName().filter(n -> !n.isBlank()).map(String::strip)
                .orElseGet(() -> hostName() + ":" + port);
        this.value = name.length() <= MAX_LENGTH ? name : name.substring(0, MAX_LENGTH);
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
