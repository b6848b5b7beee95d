-- Passkeys (WebAuthn): the credentials registered to accounts, and the ceremony challenges.

CREATE TABLE passkey (
    id                        UUID PRIMARY KEY,
    user_id                   UUID         NOT NULL REFERENCES app_user (id),
    credential_id             BYTEA        NOT NULL,
    -- The attested credential data (AAGUID, credential id, COSE public key) as webauthn4j
    -- serialises it (AttestedCredentialDataConverter).
    attested_credential_data  BYTEA        NOT NULL,
    sign_count                BIGINT       NOT NULL,
    uv_initialized            BOOLEAN      NOT NULL,
    backup_eligible           BOOLEAN      NOT NULL,
    backup_state              BOOLEAN      NOT NULL,
    name                      VARCHAR(100) NOT NULL,
    -- Comma-separated AuthenticatorTransport values reported at registration, e.g. "internal,hybrid".
    transports                VARCHAR(200),
    created_at                TIMESTAMPTZ  NOT NULL,
    last_used_at              TIMESTAMPTZ,
    CONSTRAINT passkey_credential_id UNIQUE (credential_id)
);
CREATE INDEX passkey_user ON passkey (user_id);

-- A challenge of one ceremony, kept here so that any replica can finish what another began.
-- Single use: consumed by an UPDATE ... WHERE used_at IS NULL AND expires_at > now().
CREATE TABLE webauthn_challenge (
    id          UUID PRIMARY KEY,
    -- The account it was issued to (registration) or for (authentication by username); null for a
    -- discoverable-credential sign-in.
    user_id     UUID        REFERENCES app_user (id),
    purpose     VARCHAR(16) NOT NULL CHECK (purpose IN ('register', 'authenticate')),
    challenge   BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE INDEX webauthn_challenge_challenge ON webauthn_challenge (challenge);
CREATE INDEX webauthn_challenge_expires ON webauthn_challenge (expires_at);
