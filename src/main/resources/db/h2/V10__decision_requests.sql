-- Idempotency keys of POST /api/decisions: a client that did not learn the outcome of a request
-- sends it again with the same key and gets the decision stored the first time, never a second
-- one. Written in the same transaction as the decision it names.
CREATE TABLE decision_requests (
    submitted_by     VARCHAR(100) NOT NULL,
    idempotency_key  VARCHAR(200) NOT NULL,
    decision_id      VARCHAR(36)  NOT NULL,
    request_hash     VARCHAR(71)  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (submitted_by, idempotency_key)
);

CREATE TRIGGER decision_requests_append_only BEFORE UPDATE, DELETE ON decision_requests
    FOR EACH ROW CALL 'io.triage.store.AppendOnlyTrigger';
