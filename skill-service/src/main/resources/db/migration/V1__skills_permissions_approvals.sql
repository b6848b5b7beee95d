-- Registered MCP servers (issue 6). Skill id = name; env values never leave the service.
CREATE TABLE mcp_server (
    id          uuid PRIMARY KEY,
    name        varchar(40)  NOT NULL UNIQUE,
    description varchar(500),
    transport   varchar(16)  NOT NULL,
    command     varchar(1000),
    args        jsonb        NOT NULL DEFAULT '[]',
    url         varchar(2048),
    env         jsonb        NOT NULL DEFAULT '{}',
    enabled     boolean      NOT NULL DEFAULT true,
    created_by  uuid         NOT NULL,
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL
);

-- A user's own permission level for one tool (action) of a skill, or '*' for all its tools.
CREATE TABLE permission_override (
    id         uuid PRIMARY KEY,
    user_id    uuid         NOT NULL,
    skill_id   varchar(40)  NOT NULL,
    action     varchar(200) NOT NULL,
    level      varchar(8)   NOT NULL,
    reason     varchar(500),
    expires_at timestamptz,
    updated_at timestamptz  NOT NULL,
    CONSTRAINT permission_override_unique UNIQUE (user_id, skill_id, action)
);

-- A tool call waiting for the user's yes or no; arguments as given ({{secret:NAME}} unresolved).
CREATE TABLE approval (
    id          uuid PRIMARY KEY,
    user_id     uuid         NOT NULL,
    skill_id    varchar(40)  NOT NULL,
    tool        varchar(200) NOT NULL,
    arguments   jsonb        NOT NULL,
    summary     varchar(1000) NOT NULL,
    requested_by varchar(100) NOT NULL,
    status      varchar(16)  NOT NULL,
    remember    boolean      NOT NULL DEFAULT false,
    created_at  timestamptz  NOT NULL,
    expires_at  timestamptz  NOT NULL,
    resolved_at timestamptz,
    used_at     timestamptz
);
CREATE INDEX approval_user_status ON approval (user_id, status, created_at DESC);
CREATE INDEX approval_pending_expiry ON approval (expires_at) WHERE status = 'pending';

-- What the notify tool was asked to send (the event goes to the notifications topic).
CREATE TABLE notification_request (
    id         uuid PRIMARY KEY,
    user_id    uuid          NOT NULL,
    title      varchar(200)  NOT NULL,
    body       varchar(4000) NOT NULL,
    level      varchar(16)   NOT NULL,
    created_at timestamptz   NOT NULL
);
CREATE INDEX notification_request_user ON notification_request (user_id, created_at DESC);
