-- The decision log's artist rows, cheaper to write (issue 12). Every live decision writes one row
-- here per main artist inside the group commit; before, each row also updated the primary key
-- (decision_id, artist_id) and checked its foreign key against decision_log, i.e. three index
-- operations per artist where one is read. Nothing reads these rows by decision (the logged document
-- holds the artists), only by artist ("the decisions about this artist's recordings"), which the
-- one index below answers, decision id included. The writer inserts a decision and its artist rows
-- in the same transaction, so the foreign key guarded nothing the writer does not already ensure.
CREATE TABLE decision_artist_v9 (
    decision_id    VARCHAR(36)  NOT NULL,
    artist_id      VARCHAR(200) NOT NULL
);

INSERT INTO decision_artist_v9 (decision_id, artist_id)
    SELECT decision_id, artist_id FROM decision_artist;

DROP TABLE decision_artist;

ALTER TABLE decision_artist_v9 RENAME TO decision_artist;

CREATE INDEX decision_artist_by_artist ON decision_artist (artist_id, decision_id);

-- "The newest decisions first" (the explorer's first page, and every filtered page once its filter
-- has matched) sorts by evaluated_at DESC, decision_id DESC. An index on evaluated_at alone could
-- not give that order, so H2 read and sorted the whole log for every page (30,000 rows: 12 ms; it
-- grows with the log). An index in exactly that order is read from its start instead; it costs a
-- write no more than the one it replaces (new decisions arrive in time order, at its front).
DROP INDEX decision_log_evaluated_at;

CREATE INDEX decision_log_newest ON decision_log (evaluated_at DESC, decision_id DESC);
