-- Hooks (issue 6): a user's automation, fired by an event on Kafka or by a cron schedule.
CREATE TABLE hook (
    id              uuid PRIMARY KEY,
    user_id         uuid          NOT NULL,
    name            varchar(100)  NOT NULL,
    trigger         varchar(32)   NOT NULL,
    cron            varchar(200),
    conditions      jsonb         NOT NULL DEFAULT '[]',
    action_type     varchar(16)   NOT NULL,
    action_config   jsonb         NOT NULL,
    enabled         boolean       NOT NULL DEFAULT true,
    cooldown_ms     bigint        NOT NULL DEFAULT 0,
    max_executions  integer,
    execution_count integer       NOT NULL DEFAULT 0,
    last_fired_at   timestamptz,
    next_fire_at    timestamptz,
    -- HMAC key of webhook deliveries; shown once, in the create answer.
    secret          varchar(100)  NOT NULL,
    created_at      timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL
);
CREATE INDEX hook_user_trigger ON hook (user_id, trigger) WHERE enabled;
CREATE INDEX hook_schedule_due ON hook (next_fire_at) WHERE enabled AND trigger = 'schedule';

-- One firing of a hook for one event (or one scheduled time): never twice for the same event.
CREATE TABLE hook_execution (
    id              uuid PRIMARY KEY,
    hook_id         uuid          NOT NULL REFERENCES hook (id) ON DELETE CASCADE,
    user_id         uuid          NOT NULL,
    event_id        uuid          NOT NULL,
    event_type      varchar(64)   NOT NULL,
    event           jsonb         NOT NULL,
    status          varchar(20)   NOT NULL,
    attempts        integer       NOT NULL DEFAULT 0,
    response_status integer,
    duration_ms     bigint,
    error           varchar(1000),
    result          jsonb,
    created_at      timestamptz   NOT NULL,
    completed_at    timestamptz,
    CONSTRAINT hook_execution_event UNIQUE (hook_id, event_id)
);
CREATE INDEX hook_execution_newest ON hook_execution (hook_id, created_at DESC);
