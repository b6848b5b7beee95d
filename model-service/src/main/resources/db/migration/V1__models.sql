-- The global model registry (issue 5). API keys are never stored: credential_id points into the
-- vault and is resolved on behalf of the calling user when a request is made.
CREATE TABLE model (
    id             uuid PRIMARY KEY,
    name           varchar(100)  NOT NULL,
    provider       varchar(32)   NOT NULL,
    model_id       varchar(200)  NOT NULL,
    endpoint       varchar(2048),
    credential_id  uuid,
    topics         text[]        NOT NULL DEFAULT '{}',
    priority       integer       NOT NULL DEFAULT 100,
    max_tokens     integer,
    context_window integer,
    cap_tools      boolean       NOT NULL DEFAULT true,
    cap_vision     boolean       NOT NULL DEFAULT false,
    cap_streaming  boolean       NOT NULL DEFAULT true,
    enabled        boolean       NOT NULL DEFAULT true,
    is_default     boolean       NOT NULL DEFAULT false,
    created_at     timestamptz   NOT NULL,
    updated_at     timestamptz   NOT NULL,
    CONSTRAINT model_name_unique UNIQUE (name)
);

-- Exactly one default at a time: at most one row by this index, at least one by the service.
CREATE UNIQUE INDEX model_one_default ON model (is_default) WHERE is_default;

-- The built-in offline provider, so a fresh stack answers with no key and no network.
INSERT INTO model (id, name, provider, model_id, topics, priority, enabled, is_default,
                   created_at, updated_at)
VALUES ('00000000-0000-4000-8000-000000000001', 'local-echo', 'local', 'echo',
        '{general,coding,analysis,creative}', 1000, true, true, now(), now());

-- Subscription CLI tools: usage per tool and UTC day, shared by every replica.
CREATE TABLE cli_usage (
    provider      varchar(64) NOT NULL,
    day           date        NOT NULL,
    requests      integer     NOT NULL DEFAULT 0,
    input_tokens  bigint      NOT NULL DEFAULT 0,
    output_tokens bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (provider, day)
);

-- A tool whose answer signalled quota exhaustion, until it resets.
CREATE TABLE cli_exhaustion (
    provider        varchar(64) PRIMARY KEY,
    exhausted_until timestamptz NOT NULL,
    message         varchar(500)
);
