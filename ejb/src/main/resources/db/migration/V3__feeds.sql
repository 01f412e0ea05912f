-- Label feeds: which release a deal came with (an update for the release replaces its deals),
-- the parties feeds describe and their parts in recordings, and every feed message with its status.

ALTER TABLE deal ADD COLUMN release_key VARCHAR(400);
CREATE INDEX deal_by_release ON deal (release_key);

CREATE TABLE party (
    party_id     VARCHAR(400)  NOT NULL PRIMARY KEY,
    name         VARCHAR(1000),
    identifiers  VARCHAR(4000) NOT NULL,  -- JSON object: {"ISNI": "...", "DPID": "...", ...}
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE recording_party (
    isrc       VARCHAR(12)  NOT NULL REFERENCES recording (isrc) ON DELETE CASCADE,
    position   INTEGER      NOT NULL,
    party_id   VARCHAR(400) NOT NULL,
    role       VARCHAR(200) NOT NULL,
    PRIMARY KEY (isrc, position)
);

-- One row per message id: the primary key is what makes a redelivery change nothing.
CREATE TABLE feed_message (
    message_id      VARCHAR(600)  NOT NULL PRIMARY KEY,
    kind            VARCHAR(16)   NOT NULL,
    format          VARCHAR(8)    NOT NULL,
    channel         VARCHAR(16)   NOT NULL,
    source_name     VARCHAR(1000) NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    content_sha256  CHAR(64)      NOT NULL,
    content_bytes   BIGINT        NOT NULL,
    content         BYTEA         NOT NULL,
    summary         VARCHAR(2000),
    problems        VARCHAR(100000),  -- JSON array of {"where", "what"}
    warnings        VARCHAR(100000),
    attempts        INTEGER       NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT feed_message_status_known CHECK (status IN ('RECEIVED', 'APPLIED', 'REJECTED'))
);

CREATE INDEX feed_message_by_status ON feed_message (status, received_at);
CREATE INDEX feed_message_by_received ON feed_message (received_at);
