-- Triage store, PostgreSQL flavour. Every table is append-only: triggers refuse UPDATE, DELETE
-- and TRUNCATE for every role, the owner included (short of disabling the trigger).

CREATE FUNCTION triage_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'table % is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Rule-set versions, content-addressed: version = sha256 of the canonical JSON of 'files'.
CREATE TABLE rulesets (
    version     VARCHAR(71)  PRIMARY KEY,
    files       TEXT         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(100) NOT NULL
);

-- Questionnaire versions, content-addressed: version = sha256 of 'source'.
CREATE TABLE questionnaires (
    version     VARCHAR(71)  PRIMARY KEY,
    source      TEXT         NOT NULL
);

-- The decision log: one hash-chained record per decision, in 'seq' order. 'record' is the
-- canonical JSON that was hashed, deflate-compressed. The other columns are copies for lookups
-- ('codes' holds the recommended codes as ' RAG PROMPTING '). Verification checks every link and
-- every copy, so nothing here needs more indexes than lookups do: the single writer of the log
-- pays for each one on every decision.
CREATE TABLE decisions (
    seq                   BIGINT       PRIMARY KEY,
    id                    VARCHAR(36)  NOT NULL UNIQUE,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    submitted_by          VARCHAR(100) NOT NULL,
    ruleset_version       VARCHAR(71)  NOT NULL,
    questionnaire_version VARCHAR(71)  NOT NULL,
    codes                 VARCHAR(4000) NOT NULL,
    record                BYTEA NOT NULL,
    previous_hash         VARCHAR(71)  NOT NULL,
    record_hash           VARCHAR(71)  NOT NULL
);
CREATE INDEX decisions_by_time ON decisions (created_at);
CREATE INDEX decisions_by_user ON decisions (submitted_by, seq);

CREATE TRIGGER rulesets_append_only BEFORE UPDATE OR DELETE ON rulesets
    FOR EACH ROW EXECUTE FUNCTION triage_refuse_change();
CREATE TRIGGER rulesets_no_truncate BEFORE TRUNCATE ON rulesets
    FOR EACH STATEMENT EXECUTE FUNCTION triage_refuse_change();
CREATE TRIGGER questionnaires_append_only BEFORE UPDATE OR DELETE ON questionnaires
    FOR EACH ROW EXECUTE FUNCTION triage_refuse_change();
CREATE TRIGGER questionnaires_no_truncate BEFORE TRUNCATE ON questionnaires
    FOR EACH STATEMENT EXECUTE FUNCTION triage_refuse_change();
CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION triage_refuse_change();
CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions
    FOR EACH STATEMENT EXECUTE FUNCTION triage_refuse_change();
