-- Online metrics, one row per minute (GET /v1/metrics/history, the dashboard's charts): the
-- metrics service's one-minute window at the end of each minute, so history survives restarts.
-- In a cluster every metrics node hears every event and list; the first snapshot of a minute wins.
CREATE TABLE metric_snapshots (
  minute  timestamptz PRIMARY KEY,
  figures jsonb       NOT NULL
);
