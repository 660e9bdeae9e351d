-- Behavior events, one row per accepted event. event_id is the idempotency key (CONTRACT §1):
-- redelivered events hit ON CONFLICT DO NOTHING and are stored once.
CREATE TABLE events (
  seq          bigint GENERATED ALWAYS AS IDENTITY,
  event_id     text        NOT NULL PRIMARY KEY,
  user_id      text        NOT NULL,
  item_id      text,
  type         text        NOT NULL,
  ts           timestamptz NOT NULL,
  session_id   text,
  query        text,
  value        double precision,
  context      jsonb,
  stored_at    timestamptz NOT NULL DEFAULT now()
);

-- A user's recent sequence, newest first, is the hot read (scoring, GET /v1/users/{id}/events).
CREATE INDEX events_user_recent ON events (user_id, ts DESC, seq DESC);
