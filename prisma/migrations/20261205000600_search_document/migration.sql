-- Release search on one document per release (docs/decisions/024-release-search-document.md).
-- "searchText" holds, lower-cased and one per line, the title, the description and, per
-- package item, the component name, the build version and its work item keys; "searchTerms"
-- the whole fields an exact search ranks first (title, component names, build versions).
-- Triggers keep both current: a release's own fields (BEFORE INSERT/UPDATE OF title,
-- description), its package items (statement triggers with transition tables, so a bulk
-- insert refreshes each release once) and a component's rename. Builds are immutable
-- (relm_build_immutable), so a build never changes a document.

ALTER TABLE "Release" ADD COLUMN "searchText" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Release" ADD COLUMN "searchTerms" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- The document of release `rid` with the given title and description (the row being written
-- may not be visible yet).
CREATE FUNCTION relm_search_document(rid text, title text, description text, OUT doc text, OUT terms text[])
LANGUAGE sql STABLE AS $$
  WITH items AS (
    SELECT lower(c.name) AS name, lower(b.version) AS version, lower(relm_work_item_keys(b."workItems")) AS keys
      FROM "ReleasePackage" p
      JOIN "PackageItem" i ON i."packageId" = p.id
      JOIN "Component" c ON c.id = i."componentId"
      JOIN "Build" b ON b.id = i."buildId"
     WHERE p."releaseId" = rid
  )
  SELECT concat_ws(E'\n', lower(title), nullif(lower(description), ''),
                   (SELECT string_agg(concat_ws(E'\n', name, version, nullif(keys, '')), E'\n' ORDER BY name, version) FROM items)),
         ARRAY(SELECT DISTINCT t FROM (SELECT lower(title) AS t UNION ALL SELECT name FROM items UNION ALL SELECT version FROM items) x ORDER BY t)
$$;

CREATE FUNCTION relm_release_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT d.doc, d.terms INTO NEW."searchText", NEW."searchTerms" FROM relm_search_document(NEW.id, NEW.title, NEW.description) d;
  RETURN NEW;
END $$;
CREATE TRIGGER relm_release_search BEFORE INSERT OR UPDATE OF title, description ON "Release"
  FOR EACH ROW EXECUTE FUNCTION relm_release_search_row();

CREATE FUNCTION relm_refresh_release_search(ids text[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "Release" r SET ("searchText", "searchTerms") = (SELECT d.doc, d.terms FROM relm_search_document(r.id, r.title, r.description) d)
   WHERE r.id = ANY (ids)
$$;

CREATE FUNCTION relm_package_items_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM relm_refresh_release_search(ARRAY(SELECT DISTINCT p."releaseId" FROM new_items n JOIN "ReleasePackage" p ON p.id = n."packageId"));
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM relm_refresh_release_search(ARRAY(SELECT DISTINCT p."releaseId" FROM old_items o JOIN "ReleasePackage" p ON p.id = o."packageId"));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER relm_package_items_search_insert AFTER INSERT ON "PackageItem"
  REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION relm_package_items_search();
CREATE TRIGGER relm_package_items_search_update AFTER UPDATE ON "PackageItem"
  REFERENCING OLD TABLE AS old_items NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION relm_package_items_search();
CREATE TRIGGER relm_package_items_search_delete AFTER DELETE ON "PackageItem"
  REFERENCING OLD TABLE AS old_items FOR EACH STATEMENT EXECUTE FUNCTION relm_package_items_search();

-- a rename rewrites the document of every release whose package holds the component
CREATE FUNCTION relm_component_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM relm_refresh_release_search(ARRAY(
    SELECT DISTINCT p."releaseId"
      FROM new_components n
      JOIN old_components o ON o.id = n.id AND o.name IS DISTINCT FROM n.name
      JOIN "PackageItem" i ON i."componentId" = n.id
      JOIN "ReleasePackage" p ON p.id = i."packageId"));
  RETURN NULL;
END $$;
CREATE TRIGGER relm_component_search AFTER UPDATE ON "Component"
  REFERENCING OLD TABLE AS old_components NEW TABLE AS new_components FOR EACH STATEMENT EXECUTE FUNCTION relm_component_search();

-- every existing release
UPDATE "Release" r SET ("searchText", "searchTerms") = (SELECT d.doc, d.terms FROM relm_search_document(r.id, r.title, r.description) d);

CREATE INDEX "Release_searchText_trgm" ON "Release" USING gin ("searchText" gin_trgm_ops);
CREATE INDEX "Release_searchTerms_idx" ON "Release" USING GIN ("searchTerms");

-- the per-field trigram indexes of the release search are no longer read
DROP INDEX "Release_title_trgm";
DROP INDEX "Release_description_trgm";
