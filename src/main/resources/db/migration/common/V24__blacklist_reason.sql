-- The blacklist after API.md section 10: why a phone is on it (`manual` through the API, `optout`
-- when the callee refused further calls; then `callid` is that call), and matching by person: the
-- phone in E.164 (`phone_e164`, libphonenumber's, default region calltask.contact.default-region),
-- filled by the service at start-up for rows added before this version.
ALTER TABLE blacklist ADD COLUMN phone_e164 VARCHAR(21);
ALTER TABLE blacklist ADD COLUMN reason VARCHAR(10) DEFAULT 'manual' NOT NULL;
ALTER TABLE blacklist ADD COLUMN callid UUID;
CREATE INDEX blacklist_by_e164 ON blacklist (user_id, phone_e164);

-- Every spelling of each blacklisted phone (PhoneSpellings: 13800138000, +8613800138000,
-- 008613800138000 …) with the E.164 it stands for. An import joins its phones as written against
-- it, so matching by person costs an import no normalising; the blacklist finds a user's numbers of
-- one person by their spellings.
CREATE TABLE blacklist_spelling (
    user_id     UUID NOT NULL,
    phone       VARCHAR(21) NOT NULL,
    phone_e164  VARCHAR(21) NOT NULL,
    PRIMARY KEY (user_id, phone)
);
CREATE INDEX blacklist_spelling_by_e164 ON blacklist_spelling (user_id, phone_e164);
