-- Model registry (CONTRACT §2 GET /v1/models, §6 packages). One row per model version that a
-- scoring node found, a trainer wrote or a user registered; at most one is active, which every
-- scoring node serves.
CREATE TABLE models (
  version       text        PRIMARY KEY,
  kind          text        NOT NULL,
  path          text,                                  -- package directory; null for a built-in model
  created       timestamptz,
  registered_at timestamptz NOT NULL DEFAULT now(),
  metrics       jsonb       NOT NULL DEFAULT '{}',      -- offline metrics from model.json
  training      jsonb       NOT NULL DEFAULT '{}',      -- training data summary from model.json
  status        text        NOT NULL DEFAULT 'registered'
                            CHECK (status IN ('registered', 'active', 'retired', 'rejected')),
  note          text,                                  -- why the status, e.g. a retrain's verdict
  activated_at  timestamptz
);
CREATE UNIQUE INDEX models_one_active ON models ((true)) WHERE status = 'active';

-- Catalog metadata (PUT /v1/items/{itemId}) that business rules read: unavailable items are never
-- recommended, categories are capped per list.
CREATE TABLE items (
  item_id    text             PRIMARY KEY,
  title      text,
  category   text,
  price      double precision,
  available  boolean          NOT NULL DEFAULT true,
  updated_at timestamptz      NOT NULL DEFAULT now()
);

-- A user's purchases are read with every stored batch (purchased items are not recommended again).
CREATE INDEX events_user_purchases ON events (user_id, ts DESC, seq DESC) WHERE type = 'purchase';
