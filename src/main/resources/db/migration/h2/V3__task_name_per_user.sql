-- H2 has no trigram index; the embedded database scans the user's tasks for name searches.
SELECT 1;
