-- dialer: what the bot left on an ended call (the channel variables calltask_intention and
-- calltask_recording_url at hangup): its intention grade A..F and where its recording is. Null when
-- the bot left nothing valid, and for calls that ended before this migration.
ALTER TABLE call_record ADD COLUMN intention VARCHAR(1);
ALTER TABLE call_record ADD COLUMN recording_url VARCHAR(1000);
