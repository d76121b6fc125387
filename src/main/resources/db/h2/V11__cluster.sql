-- The active rule-set version as database state (see the PostgreSQL migration: there several
-- instances share it; an H2 file has one). One row, changed by each activation in the same
-- transaction that appends it to the append-only 'activations' history. Never deleted.
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
    FOR EACH ROW CALL 'io.triage.store.AppendOnlyTrigger';

-- Which instance serves which version (one row here: an H2 file has one instance). Mutable on purpose.
CREATE TABLE cluster_instances (
    instance        VARCHAR(200) PRIMARY KEY,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    seen_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    serving_version VARCHAR(71),
    problem         VARCHAR(500)
);
