-- Every change that must end an account's web sessions and remembered passwords (a new password,
-- disabling or enabling, new roles) adds one to its epoch. A web session counts only while the
-- account's epoch is the one it was opened under, so the change ends it on every instance at once.
ALTER TABLE accounts ADD COLUMN epoch BIGINT DEFAULT 0 NOT NULL;

-- Web sessions, one row per login. Mutable on purpose, unlike the logs: a session's last activity
-- moves forward, and logout, expiry and account changes delete rows. The browser's cookie holds a
-- random token; only its keyed digest (HMAC-SHA256 under the session key) is stored here.
CREATE TABLE web_sessions (
    token_digest  VARCHAR(64)  PRIMARY KEY,
    account       VARCHAR(64)  NOT NULL REFERENCES accounts (name),
    account_epoch BIGINT       NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    remote        VARCHAR(100)
);
CREATE INDEX web_sessions_by_account ON web_sessions (account);
CREATE INDEX web_sessions_by_last_seen ON web_sessions (last_seen_at);

-- Failed logins while a burst of them lasts. Mutable on purpose: the counters move with every
-- attempt, and a row is deleted when its burst ends, after one summary row has gone to the
-- append-only access_log. kind 'account': a name that exists, from one address (throttles and
-- logs); 'unknown': a name that does not exist, from one address (throttles only); 'unknown-names':
-- every unknown name from one address, account '' (logs only, so rotating names cannot grow the log).
CREATE TABLE login_throttle (
    kind          VARCHAR(16)  NOT NULL,
    account       VARCHAR(100) NOT NULL,
    address       VARCHAR(64)  NOT NULL,
    failures      INTEGER      NOT NULL,
    refused       INTEGER      NOT NULL,
    first_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    blocked_until TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (kind, account, address)
);
CREATE INDEX login_throttle_by_last ON login_throttle (last_at);
