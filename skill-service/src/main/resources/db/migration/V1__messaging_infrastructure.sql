-- The two tables of the platform's messaging contract (ARCHITECTURE.md, "Messages"), owned by
-- every service that produces or consumes events.

-- Transactional outbox: an event is written in the same transaction as the state change it
-- describes, then relayed to Kafka; a Kafka outage delays events but loses none.
CREATE TABLE outbox_event (
    id           UUID PRIMARY KEY,
    topic        VARCHAR(100) NOT NULL,
    event_key    VARCHAR(200) NOT NULL,
    envelope     JSONB        NOT NULL,
    headers      JSONB        NOT NULL DEFAULT '{}'::jsonb,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    attempts     INTEGER      NOT NULL DEFAULT 0,
    last_error   VARCHAR(500)
);
CREATE INDEX outbox_event_created_at ON outbox_event (created_at);

-- Idempotent consumers: an event id is recorded when its effects commit; a redelivery is skipped.
CREATE TABLE processed_event (
    event_id     UUID PRIMARY KEY,
    consumer     VARCHAR(100) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
