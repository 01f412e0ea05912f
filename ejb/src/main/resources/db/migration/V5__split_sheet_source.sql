-- Where a split sheet came from: a split-sheet feed (SPLIT_FEED), or an ERN message's rights
-- controllers (RIGHTS_CONTROLLERS), which never replace a sheet a split-sheet feed delivered.
ALTER TABLE split_sheet ADD COLUMN source VARCHAR(24) DEFAULT 'SPLIT_FEED' NOT NULL;
UPDATE split_sheet SET source = 'RIGHTS_CONTROLLERS' WHERE split_id LIKE 'ern:%';
