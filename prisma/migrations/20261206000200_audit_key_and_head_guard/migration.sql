-- Issue 14 point 3 (docs/decisions/038-audit-key-checkpoints-and-database-roles.md).

-- The audit key that sealed each event (HMAC-SHA256). Events written before the key have
-- none and stay plain SHA-256; once a keyed event is written, every later one is keyed.
ALTER TABLE "AuditEvent" ADD COLUMN "keyId" TEXT;
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_keyId_check" CHECK ("keyId" IS NULL OR "keyId" ~ '^k-[0-9a-f]{16}$');

-- The chain head is protected like the events: it is never deleted or truncated, and it
-- only moves forward, onto an event that exists with exactly that hash.
CREATE FUNCTION relm_guard_audit_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'the audit chain head cannot be removed' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW."id" <> OLD."id" OR NEW."seq" <= OLD."seq" THEN
    RAISE EXCEPTION 'the audit chain head only moves forward (from % to % refused)', OLD."seq", NEW."seq"
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM "AuditEvent" WHERE "seq" = NEW."seq" AND "hash" = NEW."hash") THEN
    RAISE EXCEPTION 'the audit chain head must name an existing event and its hash (seq % refused)', NEW."seq"
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER relm_audit_head_guard BEFORE UPDATE OR DELETE ON "AuditChainHead"
  FOR EACH ROW EXECUTE FUNCTION relm_guard_audit_head();
CREATE TRIGGER relm_audit_head_no_truncate BEFORE TRUNCATE ON "AuditChainHead"
  FOR EACH STATEMENT EXECUTE FUNCTION relm_guard_audit_head();
