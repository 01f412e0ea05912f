-- The policy lifecycle: drafts are submitted, approved by someone other than their authors (the
-- approval holds for the checksum it saw, so it goes stale when the draft changes), activated and
-- rolled back. Every step is audited.

ALTER TABLE policy_version ADD COLUMN based_on BIGINT;
ALTER TABLE policy_version ADD COLUMN submitted_by VARCHAR(128);
ALTER TABLE policy_version ADD COLUMN submitted_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE policy_version ADD COLUMN approved_checksum VARCHAR(64);
ALTER TABLE policy_version ADD COLUMN approved_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE policy_version ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;

CREATE TABLE policy_audit (
    audit_id   VARCHAR(36)   NOT NULL PRIMARY KEY,
    version    BIGINT        NOT NULL,
    action     VARCHAR(32)   NOT NULL,
    actor      VARCHAR(128)  NOT NULL,
    at         TIMESTAMP WITH TIME ZONE NOT NULL,
    checksum   VARCHAR(64),
    detail     VARCHAR(2000)
);
CREATE INDEX policy_audit_by_version ON policy_audit (version, at);
CREATE INDEX policy_audit_by_time ON policy_audit (at);
