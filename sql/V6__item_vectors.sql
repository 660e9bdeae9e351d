-- Item vectors in a table of their own. 384 reals (1.5 KB) made an items row four times as wide
-- as the text search reads, so a query matching a few thousand items read three times the pages:
-- over the 12,000-item bench catalog a nine-word query's heap scan read 1,740 pages in 26 ms with
-- the vectors in the row, 614 pages in 10–13 ms without them.
--
-- A vector is current while its source, the digest of the item text it was computed from (the
-- columns its embedding text is made of), matches the item's text now. A catalog change therefore
-- need not touch this table: a vector of an item's old text stops matching, and the next one for
-- its new text replaces it.
CREATE FUNCTION item_text_digest(title text, brand text, category text, attributes jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT md5(row(title, brand, category, attributes)::text) $$;

CREATE TABLE item_vectors (
  item_id         text    PRIMARY KEY REFERENCES items (item_id) ON DELETE CASCADE,
  source          text    NOT NULL,
  embedding       real[]  NOT NULL,
  embedding_model text    NOT NULL
);

INSERT INTO item_vectors (item_id, source, embedding, embedding_model)
SELECT item_id, item_text_digest(title, brand, category, attributes), embedding, embedding_model
  FROM items
 WHERE embedding IS NOT NULL AND embedding_model IS NOT NULL;

ALTER TABLE items DROP COLUMN embedding, DROP COLUMN embedding_model;

-- A dropped column stays in the rows already written until they are rewritten: rewrite them now.
CLUSTER items USING items_pkey;
