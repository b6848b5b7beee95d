-- TOTP (RFC 6238) second factor: one row per account that set it up (pending until enabled),
-- and the account's one-time recovery codes.

CREATE TABLE totp_secret (
    user_id         UUID PRIMARY KEY REFERENCES app_user (id),
    -- AES-256-GCM: a format byte, the 12-byte nonce, then ciphertext and tag; the user id is the
    -- associated data, so a ciphertext copied to another account does not decrypt.
    secret_enc      BYTEA       NOT NULL,
    enabled         BOOLEAN     NOT NULL DEFAULT FALSE,
    enabled_at      TIMESTAMPTZ,
    -- The time step of the last accepted code: codes of this step or earlier are refused (replay).
    last_used_step  BIGINT,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE totp_recovery_code (
    id          UUID PRIMARY KEY,
    user_id     UUID        NOT NULL REFERENCES app_user (id),
    -- Hex SHA-256 of the normalised code (80 random bits); the code itself is shown once.
    code_hash   VARCHAR(64) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE UNIQUE INDEX totp_recovery_code_user_hash ON totp_recovery_code (user_id, code_hash);
