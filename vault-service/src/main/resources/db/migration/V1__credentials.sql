-- Credentials: metadata in clear, values only as AES-256-GCM ciphertext under a per-value data key
-- that is itself wrapped by a numbered master key (issue 4).
CREATE TABLE credential (
    id              uuid PRIMARY KEY,
    user_id         uuid         NOT NULL,
    name            varchar(100) NOT NULL,
    credential_type varchar(32)  NOT NULL,
    description     varchar(500),
    tags            text[]       NOT NULL DEFAULT '{}',
    preview         varchar(16)  NOT NULL,
    version         integer      NOT NULL,
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL,
    rotated_at      timestamptz,
    expires_at      timestamptz,
    CONSTRAINT credential_user_name_unique UNIQUE (user_id, name)
);

-- One row per value version; older versions live until destroy_after (rotation grace).
CREATE TABLE credential_secret (
    credential_id      uuid        NOT NULL REFERENCES credential (id) ON DELETE CASCADE,
    version            integer     NOT NULL,
    ciphertext         bytea       NOT NULL,
    wrapped_data_key   bytea       NOT NULL,
    master_key_version integer     NOT NULL,
    created_at         timestamptz NOT NULL,
    destroy_after      timestamptz,
    PRIMARY KEY (credential_id, version)
);

-- Every internal resolution (and refusal); kept after the credential is deleted.
CREATE TABLE credential_audit (
    id            uuid PRIMARY KEY,
    credential_id uuid         NOT NULL,
    user_id       uuid         NOT NULL,
    service       varchar(100) NOT NULL,
    purpose       varchar(200),
    resolved_at   timestamptz  NOT NULL,
    outcome       varchar(32)  NOT NULL
);
CREATE INDEX credential_audit_credential ON credential_audit (credential_id, resolved_at DESC);
