-- Issue 17 point 2 (docs/decisions/062-audit-chain-sealed-by-a-sequencer.md): writers no longer
-- lock the chain head. An event is written with an identity seq from a sequence and an entry MAC
-- (HMAC under the audit key, computed by the writer); a sequencer seals committed events into the
-- chain in order: chain position (chainSeq), previous hash and hash. Only the sequencer locks the head.

-- the identity: from a sequence, starting after the events already written
CREATE SEQUENCE "AuditEvent_seq_seq";
ALTER SEQUENCE "AuditEvent_seq_seq" OWNED BY "AuditEvent"."seq";
SELECT setval('"AuditEvent_seq_seq"', COALESCE((SELECT max("seq") FROM "AuditEvent"), 0) + 1, false);
ALTER TABLE "AuditEvent" ALTER COLUMN "seq" SET DEFAULT nextval('"AuditEvent_seq_seq"');

ALTER TABLE "AuditEvent" ADD COLUMN "chainSeq" BIGINT;
ALTER TABLE "AuditEvent" ADD COLUMN "entryMac" TEXT;
ALTER TABLE "AuditEvent" ALTER COLUMN "prevHash" DROP NOT NULL;
ALTER TABLE "AuditEvent" ALTER COLUMN "hash" DROP NOT NULL;
CREATE UNIQUE INDEX "AuditEvent_chainSeq_key" ON "AuditEvent"("chainSeq");
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_chainSeq_check" CHECK ("chainSeq" IS NULL OR "chainSeq" >= 1);
-- sealed: position, previous hash and hash together; unsealed: none of them, and the writer's MAC
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_sealed_check"
  CHECK (("chainSeq" IS NULL) = ("hash" IS NULL) AND ("chainSeq" IS NULL) = ("prevHash" IS NULL) AND ("chainSeq" IS NOT NULL OR "entryMac" IS NOT NULL));
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_entryMac_check" CHECK ("entryMac" IS NULL OR "entryMac" ~ '^[0-9a-f]{64}$');

-- Still append-only, with one exception: the sequencer seals an unsealed event (gives it its
-- chain position, previous hash and hash) and changes nothing else about it. A sealed event
-- never changes again.
CREATE OR REPLACE FUNCTION relm_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."chainSeq" IS NULL AND NEW."chainSeq" IS NOT NULL
     AND (to_jsonb(NEW) - 'chainSeq' - 'prevHash' - 'hash') = (to_jsonb(OLD) - 'chainSeq' - 'prevHash' - 'hash') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'integrity_constraint_violation';
END $$;

-- the events already in the chain: their position is their seq (their hashes stay valid)
UPDATE "AuditEvent" SET "chainSeq" = "seq";

-- the head names a chain position now
CREATE OR REPLACE FUNCTION relm_guard_audit_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'the audit chain head cannot be removed' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW."id" <> OLD."id" OR NEW."seq" <= OLD."seq" THEN
    RAISE EXCEPTION 'the audit chain head only moves forward (from % to % refused)', OLD."seq", NEW."seq"
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM "AuditEvent" WHERE "chainSeq" = NEW."seq" AND "hash" = NEW."hash") THEN
    RAISE EXCEPTION 'the audit chain head must name an existing event and its hash (seq % refused)', NEW."seq"
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
