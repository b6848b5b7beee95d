-- Chat-channel link codes and the channel identities bound to accounts.

-- A code a chat-channel integration asked for on behalf of one of its users: short-lived and
-- single use. Kept in the database so every replica (and a restarted one) knows it.
CREATE TABLE link_code (
    code              VARCHAR(16)  PRIMARY KEY,
    channel_type      VARCHAR(32)  NOT NULL,
    channel_user_id   VARCHAR(128) NOT NULL,
    channel_user_name VARCHAR(128),
    created_at        TIMESTAMPTZ  NOT NULL,
    expires_at        TIMESTAMPTZ  NOT NULL,
    used_at           TIMESTAMPTZ
);
-- Expired codes are deleted when new ones are issued.
CREATE INDEX link_code_expires ON link_code (expires_at);

-- A channel identity (e.g. a Telegram user) belongs to at most one account.
CREATE TABLE linked_channel (
    id                UUID PRIMARY KEY,
    user_id           UUID         NOT NULL REFERENCES app_user (id),
    channel_type      VARCHAR(32)  NOT NULL,
    channel_user_id   VARCHAR(128) NOT NULL,
    channel_user_name VARCHAR(128),
    linked_at         TIMESTAMPTZ  NOT NULL,
    CONSTRAINT linked_channel_identity UNIQUE (channel_type, channel_user_id)
);
CREATE INDEX linked_channel_user ON linked_channel (user_id);
