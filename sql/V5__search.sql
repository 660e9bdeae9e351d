-- Search (CONTRACT §2 GET /v1/search): the catalog's text indexed for full-text match (tsvector +
-- GIN) and for typos and prefixes (pg_trgm), and each item's sentence-embedding vector, computed
-- by a scoring node when the item's text changes and kept here so a node starting up reads them
-- instead of embedding the whole catalog again.
ALTER TABLE items
  ADD COLUMN brand text,
  ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}',
  -- The words typo correction learns from: title, brand and category in one string.
  ADD COLUMN search_text text GENERATED ALWAYS AS (
    coalesce(title, '') || ' ' || coalesce(brand, '') || ' ' || coalesce(category, '')) STORED,
  -- Title words weigh most (A), brand and category next (B), the string values of attributes last (C).
  ADD COLUMN search_doc tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(brand, '') || ' ' || coalesce(category, '')), 'B')
    || setweight(jsonb_to_tsvector('english', attributes, '["string"]'), 'C')) STORED,
  -- The item's unit vector and the model that made it; null until computed, and again whenever
  -- the text it was computed from changes.
  ADD COLUMN embedding real[],
  ADD COLUMN embedding_model text;

CREATE INDEX items_search_doc ON items USING gin (search_doc);

-- Every word of the catalog's search_text, lower case, once: a misspelt query word is replaced by
-- the nearest of these (pg_trgm) before the full-text match. Matching the query against each
-- item's whole text instead costs a trigram comparison per item (70 ms over 12,000 items); this
-- table holds a few thousand words. Words of items changed since are kept: they then match nothing.
CREATE TABLE search_words (word text PRIMARY KEY);

-- pg_trgm ships with PostgreSQL (contrib) and with the embedded server; a server without it still
-- searches, without typo correction, and the store says so at start.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX search_words_trgm ON search_words USING gist (word gist_trgm_ops);
EXCEPTION WHEN OTHERS THEN
  RAISE WARNING 'pg_trgm is not available, search has no typo correction: %', SQLERRM;
END $$;

-- A scoring node that starts rebuilds "searched X, then chose Y" from the newest searches.
CREATE INDEX events_searches ON events (seq) WHERE type = 'search';
