-- The catalogue the rules decide on: recordings, deals, artist consents and split sheets.
-- The database is the system of record; the Hazelcast maps are loaded from these tables.

CREATE TABLE recording (
    isrc            VARCHAR(12)   NOT NULL PRIMARY KEY,
    title           VARCHAR(1000),
    display_artist  VARCHAR(1000) NOT NULL,
    label_id        VARCHAR(200),
    p_line          VARCHAR(1000),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE recording_main_artist (
    isrc            VARCHAR(12)  NOT NULL REFERENCES recording (isrc) ON DELETE CASCADE,
    position        INTEGER      NOT NULL,
    artist_id       VARCHAR(200) NOT NULL,
    PRIMARY KEY (isrc, position)
);

CREATE TABLE deal (
    deal_id              VARCHAR(200) NOT NULL PRIMARY KEY,
    licensor_id          VARCHAR(200),
    valid_from           TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_until          TIMESTAMP WITH TIME ZONE,
    commercial_model     VARCHAR(100),
    max_excerpt_seconds  INTEGER,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE deal_recording (
    deal_id   VARCHAR(200) NOT NULL REFERENCES deal (deal_id) ON DELETE CASCADE,
    isrc      VARCHAR(12)  NOT NULL,
    PRIMARY KEY (deal_id, isrc)
);

CREATE INDEX deal_recording_by_isrc ON deal_recording (isrc);

CREATE TABLE deal_territory (
    deal_id    VARCHAR(200) NOT NULL REFERENCES deal (deal_id) ON DELETE CASCADE,
    territory  VARCHAR(16)  NOT NULL,  -- ISO 3166-1 alpha-2 or Worldwide
    excluded   BOOLEAN      NOT NULL,
    PRIMARY KEY (deal_id, territory)
);

-- Both the AI use types (AI_TRAINING, ...) and DDEX use types (Stream, OnDemandStream, ...).
CREATE TABLE deal_use_type (
    deal_id    VARCHAR(200) NOT NULL REFERENCES deal (deal_id) ON DELETE CASCADE,
    use_type   VARCHAR(100) NOT NULL,
    PRIMARY KEY (deal_id, use_type)
);

-- Append-only: a change of mind is a new row, never an update.
CREATE TABLE consent (
    consent_id      VARCHAR(200) NOT NULL PRIMARY KEY,
    artist_id       VARCHAR(200) NOT NULL,
    use_type        VARCHAR(32)  NOT NULL,
    choice          VARCHAR(8)   NOT NULL,
    effective_from  TIMESTAMP WITH TIME ZONE NOT NULL,
    source          VARCHAR(500) NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT consent_choice_known CHECK (choice IN ('OPT_IN', 'OPT_OUT'))
);

CREATE INDEX consent_by_artist ON consent (artist_id, use_type);

-- One sheet per recording and scope ('*' for the general sheet, or one AI use type).
CREATE TABLE split_sheet (
    split_id    VARCHAR(200) NOT NULL PRIMARY KEY,
    isrc        VARCHAR(12)  NOT NULL,
    use_scope   VARCHAR(32)  NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT split_sheet_one_per_scope UNIQUE (isrc, use_scope)
);

CREATE TABLE split_share (
    split_id   VARCHAR(200) NOT NULL REFERENCES split_sheet (split_id) ON DELETE CASCADE,
    position   INTEGER      NOT NULL,
    party_id   VARCHAR(200) NOT NULL,
    role       VARCHAR(64)  NOT NULL,
    percent    DECIMAL(5, 2) NOT NULL,
    PRIMARY KEY (split_id, position)
);
