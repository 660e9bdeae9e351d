-- A/B experiments (POST /v1/experiments): variants → model versions with weights. Users are
-- assigned by a hash of the experiment id and their id, so nothing per user is stored here.
-- At most one experiment runs at a time.
CREATE TABLE experiments (
  id         text        PRIMARY KEY,
  name       text        NOT NULL,
  status     text        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'running', 'stopped')),
  variants   jsonb       NOT NULL,                 -- [{"name", "model", "weight"}], in assignment order
  control    text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  stopped_at timestamptz
);
CREATE UNIQUE INDEX experiments_one_running ON experiments ((true)) WHERE status = 'running';
