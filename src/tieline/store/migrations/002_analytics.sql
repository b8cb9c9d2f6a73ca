-- Schema 2: near-duplicate groups of articles (syndicated or lightly edited copies),
-- so a claim's corroboration counts independent outlets, not copies.
-- group_id is the smallest article id of the group's connected component, which
-- makes the grouping the same whatever order and batches the articles came in.
CREATE TABLE IF NOT EXISTS article_groups (
    article_id VARCHAR PRIMARY KEY,
    group_id   VARCHAR NOT NULL,
    signature  BLOB NOT NULL      -- MinHash signature: num_perm little-endian uint32
);

-- LSH bands of each signature: articles sharing a (band, hash) are candidate copies.
CREATE TABLE IF NOT EXISTS article_bands (
    band       SMALLINT NOT NULL,
    hash       BIGINT NOT NULL,
    article_id VARCHAR NOT NULL
);
