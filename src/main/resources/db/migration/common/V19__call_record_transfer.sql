-- A call's transfer to a person (API.md section 8.2): none (no transfer asked), bridged,
-- fallback_bot, abandoned; the seat it was bridged to (its name as it was then); transfer asked →
-- seat answered or given up (null when none was asked); seconds bridged, from bridge_start_at (the
-- seat's answer; not shown by the API, it tells from the records that a seat never had two customers).
ALTER TABLE call_record ADD COLUMN bridge_result VARCHAR(16) NOT NULL DEFAULT 'none';
ALTER TABLE call_record ADD COLUMN bridge_seat_id BIGINT;
ALTER TABLE call_record ADD COLUMN bridge_seat_name VARCHAR(100);
ALTER TABLE call_record ADD COLUMN bridge_wait_ms BIGINT;
ALTER TABLE call_record ADD COLUMN bridge_billsec INTEGER NOT NULL DEFAULT 0;
ALTER TABLE call_record ADD COLUMN bridge_start_at TIMESTAMP WITH TIME ZONE;
