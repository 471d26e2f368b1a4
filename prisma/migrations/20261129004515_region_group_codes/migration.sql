-- AlterTable
ALTER TABLE "Region" ADD COLUMN     "urban" BOOLEAN NOT NULL DEFAULT false,
ALTER COLUMN "code" SET DATA TYPE VARCHAR(15);

-- Village groups had 12-digit codes inside their township's range (371422100501 under village
-- 371422100201), which look like other villages' codes. They become their village's 12 digits and
-- a 3-digit group number, numbered in the order of their old codes.
UPDATE "Region" AS g
SET "code" = p."code" || lpad(x.n::text, 3, '0'), "version" = g."version" + 1
FROM (SELECT "id", row_number() OVER (PARTITION BY "parentId" ORDER BY "code") AS n FROM "Region" WHERE "level" = 'GROUP' AND length("code") = 12) AS x,
     "Region" AS p
WHERE g."id" = x."id" AND p."id" = g."parentId";

-- Villages and communities: residents' committees (居委会, 社区) are urban, villages rural.
UPDATE "Region" SET "urban" = true WHERE "level" = 'VILLAGE' AND ("name" LIKE '%社区%' OR "name" LIKE '%居委会' OR "name" LIKE '%居民委员会');
