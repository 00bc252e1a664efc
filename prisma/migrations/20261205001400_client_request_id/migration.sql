-- The caller's own x-request-id, kept beside Relm's request id (docs/decisions/033).
ALTER TABLE "AuditEvent" ADD COLUMN "clientRequestId" TEXT;
