-- CreateTable
CREATE TABLE "CachedHitCount" (
    "teamId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "CachedHitCount_pkey" PRIMARY KEY ("teamId","environment","status")
);

-- Each statement's rows, added to (argument 1) or taken from (-1) their status's count in one
-- upsert. Count rows are locked in key order, so two writers of one team cannot deadlock on them.
CREATE FUNCTION cached_hit_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CachedHitCount" AS c ("teamId", environment, status, count)
  SELECT "teamId", environment, status, count(*)::int * TG_ARGV[0]::int FROM changed GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT ("teamId", environment, status) DO UPDATE SET count = c.count + excluded.count;
  RETURN NULL;
END $$;

-- Only statuses that changed move: most updates (counters, sync times) leave every count as it is.
CREATE FUNCTION cached_hit_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CachedHitCount" AS c ("teamId", environment, status, count)
  SELECT "teamId", environment, status, sum(n)::int FROM (
    SELECT "teamId", environment, status, 1 AS n FROM added
    UNION ALL
    SELECT "teamId", environment, status, -1 FROM removed
  ) moved
  GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT ("teamId", environment, status) DO UPDATE SET count = c.count + excluded.count;
  RETURN NULL;
END $$;

CREATE FUNCTION cached_hit_counts_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "CachedHitCount";
  RETURN NULL;
END $$;

CREATE TRIGGER cached_hit_counts_insert AFTER INSERT ON "CachedHit" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION cached_hit_counts_add('1');
CREATE TRIGGER cached_hit_counts_delete AFTER DELETE ON "CachedHit" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION cached_hit_counts_add('-1');
CREATE TRIGGER cached_hit_counts_update AFTER UPDATE ON "CachedHit" REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION cached_hit_counts_move();
CREATE TRIGGER cached_hit_counts_truncate AFTER TRUNCATE ON "CachedHit" FOR EACH STATEMENT EXECUTE FUNCTION cached_hit_counts_clear();

-- The counts of HITs already cached (written after the triggers, so no write falls between).
INSERT INTO "CachedHitCount" ("teamId", environment, status, count)
SELECT "teamId", environment, status, count(*)::int FROM "CachedHit" GROUP BY 1, 2, 3
ON CONFLICT ("teamId", environment, status) DO UPDATE SET count = excluded.count;
