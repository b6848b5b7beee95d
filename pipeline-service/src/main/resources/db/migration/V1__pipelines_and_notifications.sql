-- Pipeline templates: the stage definitions are validated JSON (see TemplateValidator).
CREATE TABLE pipeline_template (
    id          uuid PRIMARY KEY,
    user_id     uuid         NOT NULL,
    name        varchar(100) NOT NULL,
    description varchar(1000),
    stages      text         NOT NULL,
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL
);
CREATE INDEX pipeline_template_user ON pipeline_template (user_id, created_at DESC);

-- A run: its stages are copied from the template at start, so editing or deleting the template
-- never changes a run. lease_owner/lease_until: the replica working on it (SKIP LOCKED claims).
CREATE TABLE pipeline_run (
    id            uuid PRIMARY KEY,
    user_id       uuid         NOT NULL,
    template_id   uuid         NOT NULL,
    name          varchar(100) NOT NULL,
    status        varchar(32)  NOT NULL,
    current_stage integer      NOT NULL DEFAULT 0,
    current_stage_name varchar(64) NOT NULL,
    input         text         NOT NULL,
    error         text,
    created_at    timestamptz  NOT NULL,
    started_at    timestamptz  NOT NULL,
    completed_at  timestamptz,
    next_check_at timestamptz,
    lease_owner   varchar(100),
    lease_until   timestamptz
);
CREATE INDEX pipeline_run_user ON pipeline_run (user_id, created_at DESC);
CREATE INDEX pipeline_run_due ON pipeline_run (next_check_at)
    WHERE status IN ('pending', 'running', 'awaiting_approval');

CREATE TABLE pipeline_stage (
    id                 uuid PRIMARY KEY,
    run_id             uuid         NOT NULL REFERENCES pipeline_run (id) ON DELETE CASCADE,
    idx                integer      NOT NULL,
    name               varchar(64)  NOT NULL,
    type               varchar(16)  NOT NULL,
    config             text         NOT NULL,
    max_retries        integer      NOT NULL,
    timeout_seconds    integer      NOT NULL,
    status             varchar(32)  NOT NULL,
    attempts           integer      NOT NULL DEFAULT 0,
    external_id        varchar(100),
    attempt_started_at timestamptz,
    started_at         timestamptz,
    completed_at       timestamptz,
    output             text,
    error              text,
    UNIQUE (run_id, idx)
);
CREATE INDEX pipeline_stage_external ON pipeline_stage (external_id) WHERE external_id IS NOT NULL;

-- Human gates of approval stages, answered through agent-service's /api/chat/approve.
CREATE TABLE pipeline_approval (
    id          uuid PRIMARY KEY,
    user_id     uuid        NOT NULL,
    run_id      uuid        NOT NULL REFERENCES pipeline_run (id) ON DELETE CASCADE,
    stage_idx   integer     NOT NULL,
    question    text        NOT NULL,
    status      varchar(16) NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    resolved_at timestamptz
);
CREATE INDEX pipeline_approval_user ON pipeline_approval (user_id, status);

CREATE TABLE notification (
    id              uuid PRIMARY KEY,
    user_id         uuid         NOT NULL,
    type            varchar(64)  NOT NULL,
    title           varchar(200) NOT NULL,
    body            text         NOT NULL,
    data            text         NOT NULL,
    read            boolean      NOT NULL DEFAULT false,
    created_at      timestamptz  NOT NULL,
    -- The event a notification was made from: at most one notification per event.
    source_event_id uuid UNIQUE
);
CREATE INDEX notification_user ON notification (user_id, created_at DESC);
CREATE INDEX notification_unread ON notification (user_id) WHERE NOT read;
CREATE INDEX notification_created ON notification (created_at);
