-- Schema 1: articles, entities, mentions, ties (all TIES.md fields + article id).
CREATE TABLE IF NOT EXISTS articles (
    id          VARCHAR PRIMARY KEY,
    title       VARCHAR,
    url         VARCHAR,
    outlet      VARCHAR,
    date        DATE,
    text        VARCHAR NOT NULL,
    meta        JSON,
    origin      VARCHAR,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS entities (
    name    VARCHAR PRIMARY KEY,   -- canonical organization name
    key     VARCHAR NOT NULL,      -- normalized key (case, "the", legal suffix)
    kind    VARCHAR,               -- company, startup, regulator, outlet, ... or NULL if unknown
    aliases VARCHAR[],             -- surface forms seen in articles
    alias_keys VARCHAR[]           -- their normalized keys, for lookups
);

CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR NOT NULL,
    org        VARCHAR NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       VARCHAR,
    method     VARCHAR
);

CREATE TABLE IF NOT EXISTS ties (
    id            VARCHAR PRIMARY KEY,  -- hash of article, parties, type, offsets
    article_id    VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    target        VARCHAR NOT NULL,
    type          VARCHAR NOT NULL,
    modality      VARCHAR NOT NULL,
    hedged        BOOLEAN NOT NULL,
    attributed_to VARCHAR,
    actor         VARCHAR,
    score         DOUBLE NOT NULL,
    evidence      VARCHAR NOT NULL,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    event_date    DATE,
    extractor     VARCHAR
);

CREATE INDEX IF NOT EXISTS ties_pair ON ties (source, target);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_id);
