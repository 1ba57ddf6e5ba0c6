-- AlterTable
ALTER TABLE "CachedAssignment" ADD COLUMN "answerText" TEXT;

-- The answers' text for the review queue's answer search, kept from the XML by a trigger,
-- whoever writes the row: the text of each answer (CDATA sections' as it is), without the tags
-- and question identifiers every answer has (a search for "answer" matched every row), XML's
-- five named entities read, lower-cased so that LIKE (cheaper than ILIKE) finds any case.
CREATE FUNCTION cached_assignment_answer_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."answerText" := lower(
    replace(replace(replace(replace(replace(
      regexp_replace(NEW."answerXml", '<!\[CDATA\[(.*?)\]\]>|<QuestionIdentifier>[^<]*</QuestionIdentifier>|<[^>]*>', '\1 ', 'g'),
      '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&apos;', ''''), '&amp;', '&'));
  RETURN NEW;
END $$;

CREATE TRIGGER cached_assignment_answer_text BEFORE INSERT OR UPDATE OF "answerXml" ON "CachedAssignment"
FOR EACH ROW EXECUTE FUNCTION cached_assignment_answer_text();

-- The answers already cached (the trigger fills the column).
UPDATE "CachedAssignment" SET "answerXml" = "answerXml" WHERE "answerXml" IS NOT NULL;

-- DropIndex
DROP INDEX "CachedAssignment_answerXml_trgm_idx";

-- CreateIndex
CREATE INDEX "CachedAssignment_answerText_trgm_idx" ON "CachedAssignment" USING GIN ("answerText" gin_trgm_ops);
