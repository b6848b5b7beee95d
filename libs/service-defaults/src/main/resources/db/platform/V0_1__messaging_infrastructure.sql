-- The two tables of the platform's messaging contract (ARCHITECTURE.md, "Messages"), in every
-- service database. Shipped by libs/service-defaults (classpath db/platform, versions 0.x) so a
-- service's own migrations in db/migration start at V1.

-- Transactional outbox: an event is written in the same transaction as the state change it
-- describes, then relayed to Kafka; a Kafka outage delays events but loses none.
CREATE TABLE outbox_event (
    id           UUID PRIMARY KEY,
    topic        VARCHAR(100) NOT NULL,
    event_key    VARCHAR(200) NOT NULL,
    envelope     JSONB        NOT NULL,
    headers      JSONB        NOT NULL DEFAULT '{}'::jsonb,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    position     BIGSERIAL    NOT NULL
);
CREATE INDEX outbox_event_position ON outbox_event (position);

-- Idempotent consumers: an event id is recorded when its effects commit; a redelivery is skipped.
CREATE TABLE processed_event (
    consumer     VARCHAR(100) NOT NULL,
    event_id     UUID         NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
