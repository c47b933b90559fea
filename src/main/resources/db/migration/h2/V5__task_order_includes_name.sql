-- H2 has no covering (INCLUDE) indexes; the embedded database keeps its ordering index as it is.
SELECT 1;
