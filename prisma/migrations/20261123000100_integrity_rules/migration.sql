-- Rules Prisma's schema language cannot express. Naming convention (relied on by
-- tests/integration/schema-agreement.test.ts): CHECK constraints end in _check,
-- partial unique indexes end in _live_key, triggers start with relm_.

-- people
ALTER TABLE "User" ADD CONSTRAINT "User_email_check" CHECK ("email" = lower("email") AND "email" LIKE '_%@_%');
ALTER TABLE "User" ADD CONSTRAINT "User_name_check" CHECK (length(btrim("name")) > 0);
ALTER TABLE "User" ADD CONSTRAINT "User_sessionVersion_check" CHECK ("sessionVersion" >= 1);
ALTER TABLE "Team" ADD CONSTRAINT "Team_slug_check" CHECK ("slug" ~ '^[a-z0-9][a-z0-9-]*$');
ALTER TABLE "Team" ADD CONSTRAINT "Team_name_check" CHECK (length(btrim("name")) > 0);
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_tokenHash_check" CHECK ("tokenHash" ~ '^[0-9a-f]{64}$');
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_name_check" CHECK (length(btrim("name")) > 0);

-- catalogue
ALTER TABLE "Component" ADD CONSTRAINT "Component_name_check" CHECK ("name" ~ '^[a-z0-9][a-z0-9._-]*$');
ALTER TABLE "Component" ADD CONSTRAINT "Component_tier_check" CHECK ("tier" BETWEEN 1 AND 4);
ALTER TABLE "ComponentDependency" ADD CONSTRAINT "ComponentDependency_self_check" CHECK ("componentId" <> "dependsOnId");
ALTER TABLE "ComponentDependency" ADD CONSTRAINT "ComponentDependency_versionRange_check" CHECK (length(btrim("versionRange")) > 0);
ALTER TABLE "Build" ADD CONSTRAINT "Build_artifactDigest_check" CHECK ("artifactDigest" ~ '^[0-9a-f]{64}$');
ALTER TABLE "Build" ADD CONSTRAINT "Build_version_check" CHECK ("version" ~ '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$');
ALTER TABLE "Environment" ADD CONSTRAINT "Environment_name_check" CHECK ("name" ~ '^[a-z0-9][a-z0-9-]*$');
ALTER TABLE "Environment" ADD CONSTRAINT "Environment_position_check" CHECK ("position" >= 0);
ALTER TABLE "MaintenanceWindow" ADD CONSTRAINT "MaintenanceWindow_shape_check" CHECK (
  ("kind" = 'one_off' AND "startsAt" IS NOT NULL AND "endsAt" IS NOT NULL AND "endsAt" > "startsAt")
  OR ("kind" = 'recurring' AND "rrule" IS NOT NULL AND "durationMinutes" > 0));

-- releases
ALTER TABLE "Release" ADD CONSTRAINT "Release_number_check" CHECK ("number" > 0);
ALTER TABLE "Release" ADD CONSTRAINT "Release_title_check" CHECK (length(btrim("title")) > 0);
ALTER TABLE "Release" ADD CONSTRAINT "Release_window_check" CHECK ("plannedStart" IS NULL OR "plannedEnd" IS NULL OR "plannedEnd" > "plannedStart");
ALTER TABLE "Release" ADD CONSTRAINT "Release_version_check" CHECK ("version" >= 1);
ALTER TABLE "ReleaseEnvironment" ADD CONSTRAINT "ReleaseEnvironment_window_check" CHECK ("scheduledStart" IS NULL OR "scheduledEnd" IS NULL OR "scheduledEnd" > "scheduledStart");
ALTER TABLE "ReleasePackage" ADD CONSTRAINT "ReleasePackage_sealedDigest_check" CHECK ("sealedDigest" IS NULL OR "sealedDigest" ~ '^[0-9a-f]{64}$');
ALTER TABLE "PackageSeal" ADD CONSTRAINT "PackageSeal_digest_check" CHECK ("digest" ~ '^[0-9a-f]{64}$');

-- risk and plan
ALTER TABLE "Risk" ADD CONSTRAINT "Risk_likelihood_check" CHECK ("likelihood" BETWEEN 1 AND 5);
ALTER TABLE "Risk" ADD CONSTRAINT "Risk_impact_check" CHECK ("impact" BETWEEN 1 AND 5);
ALTER TABLE "Risk" ADD CONSTRAINT "Risk_score_check" CHECK ("score" = "likelihood" * "impact");
ALTER TABLE "PlanTask" ADD CONSTRAINT "PlanTask_estimate_check" CHECK ("estimateMinutes" >= 0);
ALTER TABLE "PlanTask" ADD CONSTRAINT "PlanTask_actual_check" CHECK ("actualStart" IS NULL OR "actualFinish" IS NULL OR "actualFinish" >= "actualStart");
ALTER TABLE "PlanTaskDependency" ADD CONSTRAINT "PlanTaskDependency_self_check" CHECK ("taskId" <> "dependsOnId");

-- approvals
ALTER TABLE "PolicyVersion" ADD CONSTRAINT "PolicyVersion_version_check" CHECK ("version" >= 1);
ALTER TABLE "ApprovalRequirement" ADD CONSTRAINT "ApprovalRequirement_count_check" CHECK ("requiredCount" >= 1);
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_rejectComment_check" CHECK ("decision" <> 'reject' OR length(btrim("comment")) > 0);
-- one person, one live decision per release, whatever roles they hold
CREATE UNIQUE INDEX "Approval_release_approver_live_key" ON "Approval" ("releaseId", "approverId") WHERE "invalidatedAt" IS NULL;

-- schedule
ALTER TABLE "FreezeWindow" ADD CONSTRAINT "FreezeWindow_shape_check" CHECK (
  ("kind" = 'one_off' AND "startsAt" IS NOT NULL AND "endsAt" IS NOT NULL AND "endsAt" > "startsAt")
  OR ("kind" = 'recurring' AND ("rrule" IS NOT NULL OR "cron" IS NOT NULL) AND "durationMinutes" > 0));
ALTER TABLE "FreezeWindow" ADD CONSTRAINT "FreezeWindow_reason_check" CHECK (length(btrim("reason")) > 0);
ALTER TABLE "FreezeOverride" ADD CONSTRAINT "FreezeOverride_twoPeople_check" CHECK ("confirmedById" IS NULL OR "confirmedById" <> "requestedById");
ALTER TABLE "FreezeOverride" ADD CONSTRAINT "FreezeOverride_reason_check" CHECK (length(btrim("reason")) > 0);
ALTER TABLE "ConflictAcknowledgement" ADD CONSTRAINT "ConflictAcknowledgement_reason_check" CHECK (length(btrim("reason")) > 0);

-- deployment, back-out, review
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_times_check" CHECK ("startedAt" IS NULL OR "finishedAt" IS NULL OR "finishedAt" >= "startedAt");
ALTER TABLE "BackoutPlan" ADD CONSTRAINT "BackoutPlan_duration_check" CHECK ("expectedDurationMinutes" >= 0);
ALTER TABLE "BackoutStep" ADD CONSTRAINT "BackoutStep_position_check" CHECK ("position" >= 1);
ALTER TABLE "ReviewActionItem" ADD CONSTRAINT "ReviewActionItem_title_check" CHECK (length(btrim("title")) > 0);

-- audit
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_seq_check" CHECK ("seq" >= 1);
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_hash_check" CHECK ("hash" ~ '^[0-9a-f]{64}$');
ALTER TABLE "AuditChainHead" ADD CONSTRAINT "AuditChainHead_single_check" CHECK ("id" = 1);
INSERT INTO "AuditChainHead" ("id", "seq", "hash") VALUES (1, 0, repeat('0', 64));

-- Builds are immutable once recorded.
CREATE FUNCTION relm_refuse_build_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'builds are immutable once recorded (component %, version %)', OLD."componentId", OLD."version"
    USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER relm_build_immutable BEFORE UPDATE OR DELETE ON "Build"
  FOR EACH ROW EXECUTE FUNCTION relm_refuse_build_change();

-- The audit trail is append-only.
CREATE FUNCTION relm_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER relm_audit_append_only BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION relm_refuse_audit_change();
CREATE TRIGGER relm_audit_no_truncate BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION relm_refuse_audit_change();
