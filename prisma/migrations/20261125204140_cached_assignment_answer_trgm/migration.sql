-- The answer-text filter of the review queue (ILIKE with a leading wildcard) reads this trigram
-- index instead of scanning every cached answer. pg_trgm is a trusted extension (Postgres 13 and
-- later) that the database owner may create, and the embedded PGlite loads it in lib/db/embedded.ts.
-- (No semicolons in these comments: the migration runner splits the script on them.)
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "CachedAssignment_answerXml_trgm_idx" ON "CachedAssignment" USING GIN ("answerXml" gin_trgm_ops);
