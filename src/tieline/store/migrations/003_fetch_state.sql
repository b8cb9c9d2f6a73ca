-- Schema 3: what `tieline watch` has fetched, so a restart fetches nothing twice.
-- One row per requested URL (a feed or an article page); validators are the
-- server's own header values, echoed back verbatim on the next conditional GET.
CREATE TABLE IF NOT EXISTS fetch_state (
    url           VARCHAR PRIMARY KEY,
    kind          VARCHAR NOT NULL,    -- feed or page
    etag          VARCHAR,             -- ETag of the last 200 response
    last_modified VARCHAR,             -- Last-Modified of the last 200 response
    fetched_at    TIMESTAMP NOT NULL,  -- UTC time of the last attempt
    status        INTEGER,             -- last HTTP status; NULL when no response came
    outcome       VARCHAR NOT NULL,    -- stored, not_modified, or the skip reason
    done          BOOLEAN NOT NULL,    -- true: never request this page again
    attempts      INTEGER NOT NULL,    -- polls that requested it
    article_id    VARCHAR              -- the article the page became, if any
);
