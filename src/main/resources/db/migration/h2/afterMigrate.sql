-- The embedded database keeps the same promise as PostgreSQL: a commit is on disk (in the operating
-- system's hands) when it returns, so a killed process loses nothing the dialer committed before an
-- originate. H2's default keeps commits in memory up to 500 ms (WRITE_DELAY). Run after every
-- migration, so it holds for any H2 URL, not only the default one.
SET WRITE_DELAY 0;
