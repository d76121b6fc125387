package io.triage.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.common.StoreUnavailableException;
import io.triage.history.StoredRuleSet;
import io.triage.json.CanonicalJson;
import io.triage.json.Sha256;
import io.triage.rules.RuleSetFiles;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Rule-set and questionnaire versions, stored content-addressed with their full sources so any
 * version a decision names can be rebuilt. Saving a version that is already stored does nothing.
 */
@ApplicationScoped
public class RuleSetRepository {

    private final DataSource dataSource;

    RuleSetRepository(Database database) {
        this.dataSource = database.dataSource();
    }

    /** Stores the rule set and its questionnaire (if it has one), unless already stored. */
    public void save(RuleSetFiles files, String createdBy) {
        String questionnaireSource = files.get(RuleSetFiles.QUESTIONNAIRE);
        ObjectNode sources = JsonNodeFactory.instance.objectNode();
        files.all().forEach(sources::put);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String questionnaireVersion = questionnaireSource == null ? null
                        : Sha256.of(questionnaireSource.getBytes(StandardCharsets.UTF_8));
                if (questionnaireVersion != null
                        && !exists(c, "SELECT 1 FROM questionnaires WHERE version = ?", questionnaireVersion)) {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO questionnaires (version, source) VALUES (?, ?)")) {
                        s.setString(1, questionnaireVersion);
                        s.setString(2, questionnaireSource);
                        s.executeUpdate();
                    }
                }
                if (!exists(c, "SELECT 1 FROM rulesets WHERE version = ?", files.version())) {
                    try (PreparedStatement s = c.prepareStatement(
                            "INSERT INTO rulesets (version, files, created_at, created_by) VALUES (?, ?, ?, ?)")) {
                        s.setString(1, files.version());
                        s.setString(2, CanonicalJson.string(sources));
                        s.setTimestamp(3, Timestamp.from(Instant.now()));
                        s.setString(4, createdBy);
                        s.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                // A concurrent save of the same content is not an error: the version is stored.
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the rule set could not be stored", e);
        }
    }

    /**
     * The stored sources of a version, checked against their address: a stored rule set whose
     * content no longer hashes to its version has been tampered with and is refused.
     */
    public Optional<StoredRuleSet> find(String version) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT files, created_at, created_by FROM rulesets WHERE version = ?")) {
            s.setString(1, version);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                JsonNode json = CanonicalJson.parse(rs.getString(1));
                Map<String, String> files = new TreeMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    files.put(e.getKey(), e.getValue().textValue());
                }
                RuleSetFiles ruleSet = RuleSetFiles.of(files);
                if (!ruleSet.version().equals(version)) {
                    throw new StoreUnavailableException("stored rule set " + version + " does not match its content hash "
                            + ruleSet.version() + "; it has been altered");
                }
                return Optional.of(new StoredRuleSet(ruleSet, rs.getTimestamp(2).toInstant(), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the rule set could not be read", e);
        }
    }

    /** The stored source of a questionnaire version, checked against its address. */
    public Optional<String> questionnaireSource(String version) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT source FROM questionnaires WHERE version = ?")) {
            s.setString(1, version);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String source = rs.getString(1);
                if (!Sha256.of(source.getBytes(StandardCharsets.UTF_8)).equals(version)) {
                    throw new StoreUnavailableException("stored questionnaire " + version + " does not match its content hash");
                }
                return Optional.of(source);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the questionnaire could not be read", e);
        }
    }

    /** Every stored rule-set and questionnaire version. */
    public java.util.Set<String> storedVersions() {
        java.util.Set<String> versions = new java.util.HashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT version FROM rulesets UNION SELECT version FROM questionnaires");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
            return versions;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the stored versions could not be read", e);
        }
    }

    private static boolean exists(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
