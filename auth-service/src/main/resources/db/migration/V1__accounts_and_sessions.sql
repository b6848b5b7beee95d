-- Accounts, their login sessions, and login throttling.

CREATE TABLE app_user (
    id               UUID PRIMARY KEY,
    username         VARCHAR(32)  NOT NULL,
    email            VARCHAR(254) NOT NULL,
    display_name     VARCHAR(100),
    password_hash    VARCHAR(200) NOT NULL,
    roles            VARCHAR(200) NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL,
    deleted_at       TIMESTAMPTZ
);
-- Usernames are stored lower case; e-mail addresses compare case-insensitively.
CREATE UNIQUE INDEX app_user_username ON app_user (username);
CREATE UNIQUE INDEX app_user_email ON app_user (lower(email));

CREATE TABLE auth_session (
    id           UUID PRIMARY KEY,
    user_id      UUID         NOT NULL REFERENCES app_user (id),
    created_at   TIMESTAMPTZ  NOT NULL,
    expires_at   TIMESTAMPTZ  NOT NULL,
    revoked_at   TIMESTAMPTZ,
    client_ip    VARCHAR(64),
    user_agent   VARCHAR(300)
);
CREATE INDEX auth_session_user ON auth_session (user_id);

-- Failed logins per key ("account:<id>" or "ip:<address>") in the current window.
CREATE TABLE login_throttle (
    throttle_key      VARCHAR(200) PRIMARY KEY,
    failures          INTEGER      NOT NULL,
    window_started_at TIMESTAMPTZ  NOT NULL,
    blocked_until     TIMESTAMPTZ
);
