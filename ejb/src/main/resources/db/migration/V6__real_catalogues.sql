-- Real label catalogues: the party that controls a recording's rights (paid in full when no split
-- sheet was delivered, if the policy allows), and every identifier a release was delivered under,
-- so a PurgeReleaseMessage that names the release by another of its ids still finds its deals.

ALTER TABLE recording ADD COLUMN rights_controller_id VARCHAR(400);

CREATE TABLE release_alias (
    alias_key    VARCHAR(400) NOT NULL PRIMARY KEY,
    release_key  VARCHAR(400) NOT NULL
);

CREATE INDEX release_alias_by_release ON release_alias (release_key);

INSERT INTO release_alias (alias_key, release_key)
    SELECT DISTINCT release_key, release_key FROM deal WHERE release_key IS NOT NULL
    UNION
    SELECT release_key, release_key FROM release_version;
