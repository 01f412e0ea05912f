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
