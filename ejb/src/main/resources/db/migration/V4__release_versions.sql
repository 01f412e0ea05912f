-- Which message last set a release's facts, and when its sender made it: an ERN message older than
-- that one (a late redelivery, or two channels racing) is superseded and changes nothing.
CREATE TABLE release_version (
    release_key         VARCHAR(400) NOT NULL PRIMARY KEY,
    message_id          VARCHAR(600) NOT NULL,
    message_created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    applied_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
