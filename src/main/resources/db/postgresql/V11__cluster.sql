-- The active rule-set version as database state, so every instance serves the same one. One row,
-- changed by each activation in the same transaction that appends the activation to the
-- append-only 'activations' history (under the advisory lock 'TRIA'/2, so two instances
-- activating at once are put in order). Mutable on purpose: it is the current state; the history
-- of how it got there stays in 'activations'. The row is never deleted.
CREATE TABLE active_ruleset (
    id             SMALLINT     PRIMARY KEY CHECK (id = 1),
    version        VARCHAR(71)  NOT NULL,
    activation_seq BIGINT       NOT NULL,
    activated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    activated_by   VARCHAR(64)  NOT NULL
);
INSERT INTO active_ruleset (id, version, activation_seq, activated_at, activated_by)
    SELECT 1, version, seq, activated_at, activated_by FROM activations
    WHERE seq = (SELECT MAX(seq) FROM activations);

CREATE TRIGGER active_ruleset_no_delete BEFORE DELETE ON active_ruleset
    FOR EACH ROW EXECUTE FUNCTION triage_refuse_change();
CREATE TRIGGER active_ruleset_no_truncate BEFORE TRUNCATE ON active_ruleset
    FOR EACH STATEMENT EXECUTE FUNCTION triage_refuse_change();

-- Which instance serves which version: every running instance writes its own row when it starts,
-- whenever the version it serves changes, and every triage.cluster.poll-interval; GET /api/status
-- lists the instances seen lately, whichever instance answers. Mutable on purpose; rows of
-- instances not seen for a day are deleted.
CREATE TABLE cluster_instances (
    instance        VARCHAR(200) PRIMARY KEY,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    seen_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    serving_version VARCHAR(71),
    problem         VARCHAR(500)
);
