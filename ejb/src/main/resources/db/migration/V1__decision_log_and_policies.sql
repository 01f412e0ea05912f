-- Stave schema, version 1. Portable SQL: the same script runs on H2 (embedded default) and
-- PostgreSQL (production). Timestamps are UTC instants.

CREATE TABLE policy_version (
    version        BIGINT       NOT NULL PRIMARY KEY,
    status         VARCHAR(16)  NOT NULL,  -- DRAFT, ACTIVE, RETIRED
    author         VARCHAR(128) NOT NULL,
    approver       VARCHAR(128),
    checksum       VARCHAR(64)  NOT NULL,  -- SHA-256 over the file names and texts
    description    VARCHAR(1000),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    activated_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT policy_status_known CHECK (status IN ('DRAFT', 'ACTIVE', 'RETIRED'))
);

CREATE TABLE policy_file (
    version        BIGINT        NOT NULL REFERENCES policy_version (version),
    file_name      VARCHAR(200)  NOT NULL,
    content        TEXT          NOT NULL,
    PRIMARY KEY (version, file_name)
);

CREATE TABLE decision_log (
    decision_id       VARCHAR(36)  NOT NULL PRIMARY KEY,
    request_id        VARCHAR(200),
    feature           VARCHAR(100),
    use_type          VARCHAR(32)  NOT NULL,
    isrc              VARCHAR(12)  NOT NULL,
    territory         VARCHAR(16)  NOT NULL,
    requested_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    verdict           VARCHAR(8)   NOT NULL,
    first_reason      VARCHAR(32)  NOT NULL,
    policy_version    BIGINT       NOT NULL,
    evaluated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    evaluation_micros BIGINT       NOT NULL,
    principal         VARCHAR(128) NOT NULL,
    document          TEXT         NOT NULL  -- the decision as the API returned it (JSON)
);

CREATE INDEX decision_log_evaluated_at ON decision_log (evaluated_at);
CREATE INDEX decision_log_isrc ON decision_log (isrc, evaluated_at);
CREATE INDEX decision_log_feature ON decision_log (feature, evaluated_at);

-- The main artists of the recording at decision time, so auditors can list by artist.
CREATE TABLE decision_artist (
    decision_id    VARCHAR(36)  NOT NULL REFERENCES decision_log (decision_id),
    artist_id      VARCHAR(200) NOT NULL,
    PRIMARY KEY (decision_id, artist_id)
);

CREATE INDEX decision_artist_by_artist ON decision_artist (artist_id);
