-- Keycloak federation (optional): the realm user an account is linked to, where the account came
-- from, the sync still owed to the realm, and browser sign-ins under way.

-- origin 'local': registered here, kept in step in the realm (Switchboard is the authority);
-- origin 'keycloak': created on first sign-in with a realm token (the realm is the authority).
ALTER TABLE app_user ADD COLUMN keycloak_id VARCHAR(64);
ALTER TABLE app_user ADD COLUMN origin VARCHAR(16) NOT NULL DEFAULT 'local';
CREATE UNIQUE INDEX app_user_keycloak_id ON app_user (keycloak_id);

-- One row per account whose realm copy is behind: the next attempt and why the last one failed.
CREATE TABLE keycloak_sync (
    user_id          UUID PRIMARY KEY REFERENCES app_user (id),
    attempts         INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    last_error       VARCHAR(300),
    updated_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX keycloak_sync_due ON keycloak_sync (next_attempt_at);

-- Authorization-code + PKCE sign-ins started and not yet finished: the state (stored as its
-- SHA-256), the code verifier and nonce, consumed at most once.
CREATE TABLE oidc_login (
    state_hash     VARCHAR(64) PRIMARY KEY,
    code_verifier  VARCHAR(128) NOT NULL,
    nonce          VARCHAR(64)  NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    expires_at     TIMESTAMPTZ  NOT NULL,
    used_at        TIMESTAMPTZ
);
