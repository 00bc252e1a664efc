-- Release search (docs/decisions/019-release-search.md): trigram GIN indexes serve
-- ILIKE '%text%' on every field the release list searches. Prisma's schema language
-- cannot express them (an operator class on an extension, an expression index), so
-- they live here only, named *_trgm (tests/integration/schema-agreement.test.ts).

-- pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it.
-- PGlite ships it as a contrib module, loaded by lib/server/db.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The work item keys of a build ("PAY-1\nPAY-2"), for the expression index below. Joined
-- by a newline, which search text never contains, so a query cannot match across two keys.
CREATE OR REPLACE FUNCTION relm_work_item_keys(items jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(e ->> 'key', E'\n'), '')
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(items) = 'array' THEN items ELSE '[]'::jsonb END) AS e
$$;

CREATE INDEX "Release_title_trgm" ON "Release" USING gin ("title" gin_trgm_ops);
CREATE INDEX "Release_description_trgm" ON "Release" USING gin ("description" gin_trgm_ops);
CREATE INDEX "Component_name_trgm" ON "Component" USING gin ("name" gin_trgm_ops);
CREATE INDEX "Build_version_trgm" ON "Build" USING gin ("version" gin_trgm_ops);
CREATE INDEX "Build_workItemKeys_trgm" ON "Build" USING gin (relm_work_item_keys("workItems") gin_trgm_ops);

-- component → the packages that hold it (the unique key starts with packageId)
CREATE INDEX "PackageItem_componentId_idx" ON "PackageItem"("componentId");
