-- Idempotency-Key (API.md "Conventions"): a POST that creates something, retried with the same key
-- by the same user, gets the first answer again instead of creating a second thing. Kept 24 hours.
CREATE TABLE idempotency_key (
    user_id      VARCHAR(100) NOT NULL,
    scope        VARCHAR(200) NOT NULL,
    idem_key     VARCHAR(255) NOT NULL,
    fingerprint  VARCHAR(64)  NOT NULL,
    status       INTEGER,
    body         TEXT,
    location     TEXT,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, scope, idem_key)
);
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
