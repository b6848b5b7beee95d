-- Sessions, their messages, agents, the per-agent events ring, approvals and the work queue (issue 7).

-- A conversation. lease_owner/lease_until: the replica (or chat request) that runs its work now.
CREATE TABLE session (
    id            uuid PRIMARY KEY,
    user_id       uuid         NOT NULL,
    title         varchar(200) NOT NULL,
    agent_id      uuid,
    message_count integer      NOT NULL DEFAULT 0,
    lease_owner   varchar(100),
    lease_until   timestamptz,
    created_at    timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL
);
CREATE INDEX session_by_user ON session (user_id, updated_at DESC);

-- The transcript: pos orders it (and is the before= cursor behind a message id).
CREATE TABLE message (
    id           uuid PRIMARY KEY,
    pos          bigserial   NOT NULL UNIQUE,
    session_id   uuid        NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    user_id      uuid        NOT NULL,
    role         varchar(16) NOT NULL,
    content      text        NOT NULL,
    tool_calls   text,
    tool_call_id varchar(200),
    model        varchar(200),
    created_at   timestamptz NOT NULL
);
CREATE INDEX message_session ON message (session_id, pos);

-- An agent. last_seq is the per-agent event counter (row-locked by every append: no holes).
-- A deleted agent stays as a tombstone (deleted_at, status stopped) so a late message gets 409.
CREATE TABLE agent (
    id            uuid PRIMARY KEY,
    user_id       uuid         NOT NULL,
    name          varchar(100) NOT NULL,
    session_id    uuid         NOT NULL REFERENCES session (id),
    topic         varchar(100),
    model         varchar(200),
    status        varchar(32)  NOT NULL,
    system_prompt text,
    skills        text[]       NOT NULL DEFAULT '{}',
    iteration     integer      NOT NULL DEFAULT 0,
    total_tokens  bigint       NOT NULL DEFAULT 0,
    last_error    varchar(1000),
    last_seq      bigint       NOT NULL DEFAULT 0,
    created_at    timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL,
    deleted_at    timestamptz
);
CREATE INDEX agent_by_user ON agent (user_id, created_at DESC) WHERE deleted_at IS NULL;

-- The newest 200 events of each agent (older ones are deleted as new ones arrive).
CREATE TABLE agent_event (
    agent_id   uuid        NOT NULL REFERENCES agent (id) ON DELETE CASCADE,
    seq        bigint      NOT NULL,
    user_id    uuid        NOT NULL,
    type       varchar(64) NOT NULL,
    data       text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (agent_id, seq)
);

-- A unit of work on a session, done in id order: a user message to answer (for an agent or a chat).
-- status: pending → started → (waiting ⇄ started) → done|failed|cancelled.
CREATE TABLE agent_work (
    id         bigserial PRIMARY KEY,
    session_id uuid         NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    agent_id   uuid,
    user_id    uuid         NOT NULL,
    kind       varchar(16)  NOT NULL,
    message_id uuid,
    content    text,
    model      varchar(200),
    topic      varchar(100),
    routed_model varchar(200),
    routed_topic varchar(100),
    tools      text         NOT NULL DEFAULT '[]',
    iterations integer      NOT NULL DEFAULT 0,
    status     varchar(16)  NOT NULL,
    error      varchar(1000),
    created_at timestamptz  NOT NULL,
    updated_at timestamptz  NOT NULL
);
CREATE INDEX agent_work_open ON agent_work (session_id, id) WHERE status IN ('pending', 'started', 'waiting');

-- Approvals the agent loop asked the user for. status: pending → approved|denied|expired|cancelled.
CREATE TABLE approval (
    id          uuid PRIMARY KEY,
    user_id     uuid          NOT NULL,
    session_id  uuid          NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    agent_id    uuid,
    work_id     bigint        NOT NULL,
    call_id     varchar(200)  NOT NULL,
    skill_id    varchar(200)  NOT NULL,
    tool        varchar(200)  NOT NULL,
    arguments   text          NOT NULL,
    summary     varchar(1000) NOT NULL,
    status      varchar(16)   NOT NULL,
    remember    boolean       NOT NULL DEFAULT false,
    response    varchar(2000),
    expires_at  timestamptz   NOT NULL,
    created_at  timestamptz   NOT NULL,
    resolved_at timestamptz,
    CONSTRAINT approval_call_unique UNIQUE (session_id, call_id)
);
CREATE INDEX approval_by_user ON approval (user_id, created_at) WHERE status = 'pending';
CREATE INDEX approval_expiry ON approval (expires_at) WHERE status = 'pending';
