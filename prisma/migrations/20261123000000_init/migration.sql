-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'release_manager', 'approver', 'operations', 'viewer');

-- CreateEnum
CREATE TYPE "EnvironmentTier" AS ENUM ('development', 'test', 'staging', 'production');

-- CreateEnum
CREATE TYPE "WindowKind" AS ENUM ('one_off', 'recurring');

-- CreateEnum
CREATE TYPE "ReleaseType" AS ENUM ('standard', 'normal', 'major', 'emergency');

-- CreateEnum
CREATE TYPE "ReleaseStatus" AS ENUM ('draft', 'submitted', 'approved', 'scheduled', 'deploying', 'deployed', 'handed_over', 'in_review', 'closed', 'rejected', 'cancelled', 'rolled_back');

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('low', 'medium', 'high', 'critical');

-- CreateEnum
CREATE TYPE "ScopeChangeStatus" AS ENUM ('pending', 'approved', 'rejected', 'applied', 'withdrawn');

-- CreateEnum
CREATE TYPE "ScopeChangeAction" AS ENUM ('add', 'remove');

-- CreateEnum
CREATE TYPE "RiskStatus" AS ENUM ('open', 'mitigated', 'accepted', 'closed');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('approve', 'reject');

-- CreateEnum
CREATE TYPE "OverrideStatus" AS ENUM ('requested', 'granted', 'refused', 'withdrawn');

-- CreateEnum
CREATE TYPE "DeploymentStatus" AS ENUM ('scheduled', 'in_progress', 'succeeded', 'failed', 'rolled_back');

-- CreateEnum
CREATE TYPE "DeploymentKind" AS ENUM ('deploy', 'backout');

-- CreateEnum
CREATE TYPE "VerificationStatus" AS ENUM ('passed', 'failed', 'skipped');

-- CreateEnum
CREATE TYPE "HandoverStatus" AS ENUM ('draft', 'ready', 'questions', 'acknowledged');

-- CreateEnum
CREATE TYPE "ReviewOutcome" AS ENUM ('successful', 'partially_successful', 'failed');

-- CreateEnum
CREATE TYPE "ActionItemStatus" AS ENUM ('open', 'done', 'cancelled');

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "teamId" TEXT,
    "disabledAt" TIMESTAMPTZ(3),
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "lastSignInAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserRole" (
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserRole_pkey" PRIMARY KEY ("userId","role")
);

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignInAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "scopes" TEXT[],
    "expiresAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "link" TEXT,
    "releaseId" TEXT,
    "readAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Component" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "ownerTeamId" TEXT NOT NULL,
    "tier" INTEGER NOT NULL DEFAULT 3,
    "repository" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Component_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComponentDependency" (
    "id" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "dependsOnId" TEXT NOT NULL,
    "versionRange" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComponentDependency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Build" (
    "id" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "artifactDigest" TEXT NOT NULL,
    "sourceRepo" TEXT,
    "sourceCommit" TEXT,
    "sourceBranch" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "workItems" JSONB NOT NULL DEFAULT '[]',
    "producedBy" TEXT NOT NULL,
    "recordedById" TEXT,
    "builtAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Build_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Environment" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "tier" "EnvironmentTier" NOT NULL,
    "position" INTEGER NOT NULL,
    "protected" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Environment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenanceWindow" (
    "id" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "kind" "WindowKind" NOT NULL,
    "startsAt" TIMESTAMPTZ(3),
    "endsAt" TIMESTAMPTZ(3),
    "rrule" TEXT,
    "durationMinutes" INTEGER,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MaintenanceWindow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnvironmentComponent" (
    "environmentId" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "buildId" TEXT NOT NULL,
    "deploymentId" TEXT,
    "since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnvironmentComponent_pkey" PRIMARY KEY ("environmentId","componentId")
);

-- CreateTable
CREATE TABLE "Release" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "type" "ReleaseType" NOT NULL,
    "status" "ReleaseStatus" NOT NULL DEFAULT 'draft',
    "ownerId" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "plannedStart" TIMESTAMPTZ(3),
    "plannedEnd" TIMESTAMPTZ(3),
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "description" TEXT NOT NULL DEFAULT '',
    "businessJustification" TEXT NOT NULL DEFAULT '',
    "riskLevel" "RiskLevel",
    "riskFactors" JSONB,
    "riskComputedAt" TIMESTAMPTZ(3),
    "noKnownRisks" BOOLEAN NOT NULL DEFAULT false,
    "risksAssessedAt" TIMESTAMPTZ(3),
    "policyVersionId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" TEXT,
    "submittedAt" TIMESTAMPTZ(3),
    "approvedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "postReviewRequired" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Release_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReleaseEnvironment" (
    "releaseId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "scheduledStart" TIMESTAMPTZ(3),
    "scheduledEnd" TIMESTAMPTZ(3),

    CONSTRAINT "ReleaseEnvironment_pkey" PRIMARY KEY ("releaseId","environmentId")
);

-- CreateTable
CREATE TABLE "ReleaseStakeholder" (
    "releaseId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ReleaseStakeholder_pkey" PRIMARY KEY ("releaseId","userId")
);

-- CreateTable
CREATE TABLE "ReleaseTransition" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "fromStatus" "ReleaseStatus" NOT NULL,
    "toStatus" "ReleaseStatus" NOT NULL,
    "actorId" TEXT,
    "reason" TEXT NOT NULL DEFAULT '',
    "gates" JSONB NOT NULL DEFAULT '[]',
    "policyVersionId" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReleaseTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReleasePackage" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "sealedDigest" TEXT,
    "sealedAt" TIMESTAMPTZ(3),
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReleasePackage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PackageItem" (
    "id" TEXT NOT NULL,
    "packageId" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "buildId" TEXT NOT NULL,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PackageItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PackageSeal" (
    "id" TEXT NOT NULL,
    "packageId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "manifest" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "sealedById" TEXT,
    "sealedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PackageSeal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScopeChangeRequest" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "ScopeChangeStatus" NOT NULL DEFAULT 'pending',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionComment" TEXT NOT NULL DEFAULT '',
    "appliedSealId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScopeChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScopeChangeItem" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "action" "ScopeChangeAction" NOT NULL,
    "componentId" TEXT NOT NULL,
    "buildId" TEXT,

    CONSTRAINT "ScopeChangeItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Risk" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "likelihood" INTEGER NOT NULL,
    "impact" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "mitigation" TEXT NOT NULL DEFAULT '',
    "ownerId" TEXT,
    "status" "RiskStatus" NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Risk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanTask" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ownerId" TEXT,
    "estimateMinutes" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "actualStart" TIMESTAMPTZ(3),
    "actualFinish" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PlanTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanTaskDependency" (
    "taskId" TEXT NOT NULL,
    "dependsOnId" TEXT NOT NULL,

    CONSTRAINT "PlanTaskDependency_pkey" PRIMARY KEY ("taskId","dependsOnId")
);

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalRequirement" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "policyVersionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "role" "Role",
    "teamId" TEXT,
    "requiredCount" INTEGER NOT NULL,
    "distinctTeams" BOOLEAN NOT NULL DEFAULT false,
    "satisfiedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApprovalRequirement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Approval" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "requirementId" TEXT,
    "approverId" TEXT NOT NULL,
    "decision" "ApprovalDecision" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "packageDigest" TEXT NOT NULL,
    "policyVersionId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3),
    "invalidatedAt" TIMESTAMPTZ(3),
    "invalidatedReason" TEXT,
    "invalidatedBySealId" TEXT,

    CONSTRAINT "Approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FreezeWindow" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "kind" "WindowKind" NOT NULL,
    "startsAt" TIMESTAMPTZ(3),
    "endsAt" TIMESTAMPTZ(3),
    "rrule" TEXT,
    "cron" TEXT,
    "durationMinutes" INTEGER,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FreezeWindow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FreezeWindowEnvironment" (
    "freezeId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,

    CONSTRAINT "FreezeWindowEnvironment_pkey" PRIMARY KEY ("freezeId","environmentId")
);

-- CreateTable
CREATE TABLE "FreezeWindowComponent" (
    "freezeId" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,

    CONSTRAINT "FreezeWindowComponent_pkey" PRIMARY KEY ("freezeId","componentId")
);

-- CreateTable
CREATE TABLE "FreezeOverride" (
    "id" TEXT NOT NULL,
    "freezeId" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "OverrideStatus" NOT NULL DEFAULT 'requested',
    "requestedById" TEXT NOT NULL,
    "confirmedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FreezeOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConflictAcknowledgement" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "otherReleaseId" TEXT NOT NULL,
    "environmentId" TEXT,
    "componentId" TEXT,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "acknowledgedById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConflictAcknowledgement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deployment" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "sealId" TEXT,
    "packageDigest" TEXT,
    "kind" "DeploymentKind" NOT NULL DEFAULT 'deploy',
    "status" "DeploymentStatus" NOT NULL DEFAULT 'scheduled',
    "executedBy" TEXT NOT NULL,
    "triggeredById" TEXT,
    "apiTokenId" TEXT,
    "externalRef" TEXT,
    "scheduledFor" TIMESTAMPTZ(3),
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "notes" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Deployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeploymentItem" (
    "deploymentId" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "buildId" TEXT NOT NULL,

    CONSTRAINT "DeploymentItem_pkey" PRIMARY KEY ("deploymentId","componentId")
);

-- CreateTable
CREATE TABLE "VerificationResult" (
    "id" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "VerificationStatus" NOT NULL,
    "evidenceUrl" TEXT,
    "details" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerificationResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackoutPlan" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "expectedDurationMinutes" INTEGER NOT NULL,
    "triggerCriteria" TEXT NOT NULL,
    "lastRehearsedAt" TIMESTAMPTZ(3),
    "lastRehearsalResult" TEXT,
    "lastRehearsalNotes" TEXT NOT NULL DEFAULT '',
    "updatedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BackoutPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackoutStep" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "expectedMinutes" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "BackoutStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackoutTarget" (
    "planId" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "buildId" TEXT NOT NULL,

    CONSTRAINT "BackoutTarget_pkey" PRIMARY KEY ("planId","componentId")
);

-- CreateTable
CREATE TABLE "Handover" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "whatChanged" TEXT NOT NULL DEFAULT '',
    "runbook" TEXT NOT NULL DEFAULT '',
    "monitoring" TEXT NOT NULL DEFAULT '',
    "knownErrors" TEXT NOT NULL DEFAULT '',
    "supportContacts" TEXT NOT NULL DEFAULT '',
    "status" "HandoverStatus" NOT NULL DEFAULT 'draft',
    "questions" TEXT NOT NULL DEFAULT '',
    "preparedById" TEXT,
    "acknowledgedById" TEXT,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Handover_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostReleaseReview" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "requiredReasons" TEXT[],
    "outcome" "ReviewOutcome",
    "objectivesMet" BOOLEAN,
    "objectivesNotes" TEXT NOT NULL DEFAULT '',
    "incidents" TEXT NOT NULL DEFAULT '',
    "wentWell" TEXT NOT NULL DEFAULT '',
    "wentBadly" TEXT NOT NULL DEFAULT '',
    "completedById" TEXT,
    "completedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PostReleaseReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewActionItem" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueDate" DATE NOT NULL,
    "status" "ActionItemStatus" NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReviewActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "actorType" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "releaseId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT,
    "ip" TEXT,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Team_slug_key" ON "Team"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Team_name_key" ON "Team"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_teamId_idx" ON "User"("teamId");

-- CreateIndex
CREATE INDEX "UserRole_role_idx" ON "UserRole"("role");

-- CreateIndex
CREATE INDEX "SignInAttempt_email_ip_at_idx" ON "SignInAttempt"("email", "ip", "at");

-- CreateIndex
CREATE INDEX "SignInAttempt_ip_at_idx" ON "SignInAttempt"("ip", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Component_name_key" ON "Component"("name");

-- CreateIndex
CREATE INDEX "Component_ownerTeamId_idx" ON "Component"("ownerTeamId");

-- CreateIndex
CREATE INDEX "ComponentDependency_dependsOnId_idx" ON "ComponentDependency"("dependsOnId");

-- CreateIndex
CREATE UNIQUE INDEX "ComponentDependency_componentId_dependsOnId_key" ON "ComponentDependency"("componentId", "dependsOnId");

-- CreateIndex
CREATE INDEX "Build_componentId_createdAt_idx" ON "Build"("componentId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Build_componentId_version_key" ON "Build"("componentId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Build_id_componentId_key" ON "Build"("id", "componentId");

-- CreateIndex
CREATE UNIQUE INDEX "Environment_name_key" ON "Environment"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Environment_position_key" ON "Environment"("position");

-- CreateIndex
CREATE INDEX "MaintenanceWindow_environmentId_idx" ON "MaintenanceWindow"("environmentId");

-- CreateIndex
CREATE INDEX "EnvironmentComponent_buildId_idx" ON "EnvironmentComponent"("buildId");

-- CreateIndex
CREATE UNIQUE INDEX "Release_number_key" ON "Release"("number");

-- CreateIndex
CREATE INDEX "Release_status_plannedStart_idx" ON "Release"("status", "plannedStart");

-- CreateIndex
CREATE INDEX "Release_ownerId_status_idx" ON "Release"("ownerId", "status");

-- CreateIndex
CREATE INDEX "Release_plannedStart_idx" ON "Release"("plannedStart");

-- CreateIndex
CREATE INDEX "Release_updatedAt_idx" ON "Release"("updatedAt");

-- CreateIndex
CREATE INDEX "ReleaseEnvironment_environmentId_scheduledStart_idx" ON "ReleaseEnvironment"("environmentId", "scheduledStart");

-- CreateIndex
CREATE INDEX "ReleaseStakeholder_userId_idx" ON "ReleaseStakeholder"("userId");

-- CreateIndex
CREATE INDEX "ReleaseTransition_releaseId_at_idx" ON "ReleaseTransition"("releaseId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ReleasePackage_releaseId_key" ON "ReleasePackage"("releaseId");

-- CreateIndex
CREATE INDEX "PackageItem_buildId_idx" ON "PackageItem"("buildId");

-- CreateIndex
CREATE UNIQUE INDEX "PackageItem_packageId_componentId_key" ON "PackageItem"("packageId", "componentId");

-- CreateIndex
CREATE INDEX "PackageSeal_digest_idx" ON "PackageSeal"("digest");

-- CreateIndex
CREATE UNIQUE INDEX "PackageSeal_packageId_revision_key" ON "PackageSeal"("packageId", "revision");

-- CreateIndex
CREATE INDEX "ScopeChangeRequest_releaseId_status_idx" ON "ScopeChangeRequest"("releaseId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ScopeChangeItem_requestId_componentId_key" ON "ScopeChangeItem"("requestId", "componentId");

-- CreateIndex
CREATE INDEX "Risk_releaseId_idx" ON "Risk"("releaseId");

-- CreateIndex
CREATE INDEX "PlanTask_releaseId_idx" ON "PlanTask"("releaseId");

-- CreateIndex
CREATE INDEX "PlanTaskDependency_dependsOnId_idx" ON "PlanTaskDependency"("dependsOnId");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_version_key" ON "PolicyVersion"("version");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalRequirement_releaseId_key_key" ON "ApprovalRequirement"("releaseId", "key");

-- CreateIndex
CREATE INDEX "Approval_releaseId_approverId_idx" ON "Approval"("releaseId", "approverId");

-- CreateIndex
CREATE INDEX "Approval_approverId_createdAt_idx" ON "Approval"("approverId", "createdAt");

-- CreateIndex
CREATE INDEX "FreezeOverride_releaseId_idx" ON "FreezeOverride"("releaseId");

-- CreateIndex
CREATE INDEX "ConflictAcknowledgement_releaseId_idx" ON "ConflictAcknowledgement"("releaseId");

-- CreateIndex
CREATE INDEX "Deployment_releaseId_environmentId_idx" ON "Deployment"("releaseId", "environmentId");

-- CreateIndex
CREATE INDEX "Deployment_environmentId_createdAt_idx" ON "Deployment"("environmentId", "createdAt");

-- CreateIndex
CREATE INDEX "VerificationResult_deploymentId_idx" ON "VerificationResult"("deploymentId");

-- CreateIndex
CREATE UNIQUE INDEX "BackoutPlan_releaseId_key" ON "BackoutPlan"("releaseId");

-- CreateIndex
CREATE UNIQUE INDEX "BackoutStep_planId_position_key" ON "BackoutStep"("planId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Handover_releaseId_key" ON "Handover"("releaseId");

-- CreateIndex
CREATE UNIQUE INDEX "PostReleaseReview_releaseId_key" ON "PostReleaseReview"("releaseId");

-- CreateIndex
CREATE INDEX "ReviewActionItem_ownerId_status_idx" ON "ReviewActionItem"("ownerId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_seq_idx" ON "AuditEvent"("action", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_seq_idx" ON "AuditEvent"("actorId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_seq_idx" ON "AuditEvent"("targetType", "targetId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_releaseId_seq_idx" ON "AuditEvent"("releaseId", "seq");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserRole" ADD CONSTRAINT "UserRole_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Component" ADD CONSTRAINT "Component_ownerTeamId_fkey" FOREIGN KEY ("ownerTeamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComponentDependency" ADD CONSTRAINT "ComponentDependency_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComponentDependency" ADD CONSTRAINT "ComponentDependency_dependsOnId_fkey" FOREIGN KEY ("dependsOnId") REFERENCES "Component"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Build" ADD CONSTRAINT "Build_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Build" ADD CONSTRAINT "Build_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceWindow" ADD CONSTRAINT "MaintenanceWindow_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnvironmentComponent" ADD CONSTRAINT "EnvironmentComponent_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnvironmentComponent" ADD CONSTRAINT "EnvironmentComponent_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnvironmentComponent" ADD CONSTRAINT "EnvironmentComponent_buildId_componentId_fkey" FOREIGN KEY ("buildId", "componentId") REFERENCES "Build"("id", "componentId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnvironmentComponent" ADD CONSTRAINT "EnvironmentComponent_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_policyVersionId_fkey" FOREIGN KEY ("policyVersionId") REFERENCES "PolicyVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseEnvironment" ADD CONSTRAINT "ReleaseEnvironment_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseEnvironment" ADD CONSTRAINT "ReleaseEnvironment_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseStakeholder" ADD CONSTRAINT "ReleaseStakeholder_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseStakeholder" ADD CONSTRAINT "ReleaseStakeholder_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseTransition" ADD CONSTRAINT "ReleaseTransition_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseTransition" ADD CONSTRAINT "ReleaseTransition_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseTransition" ADD CONSTRAINT "ReleaseTransition_policyVersionId_fkey" FOREIGN KEY ("policyVersionId") REFERENCES "PolicyVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleasePackage" ADD CONSTRAINT "ReleasePackage_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PackageItem" ADD CONSTRAINT "PackageItem_packageId_fkey" FOREIGN KEY ("packageId") REFERENCES "ReleasePackage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PackageItem" ADD CONSTRAINT "PackageItem_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PackageItem" ADD CONSTRAINT "PackageItem_buildId_componentId_fkey" FOREIGN KEY ("buildId", "componentId") REFERENCES "Build"("id", "componentId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PackageSeal" ADD CONSTRAINT "PackageSeal_packageId_fkey" FOREIGN KEY ("packageId") REFERENCES "ReleasePackage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PackageSeal" ADD CONSTRAINT "PackageSeal_sealedById_fkey" FOREIGN KEY ("sealedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScopeChangeRequest" ADD CONSTRAINT "ScopeChangeRequest_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScopeChangeRequest" ADD CONSTRAINT "ScopeChangeRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScopeChangeRequest" ADD CONSTRAINT "ScopeChangeRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScopeChangeRequest" ADD CONSTRAINT "ScopeChangeRequest_appliedSealId_fkey" FOREIGN KEY ("appliedSealId") REFERENCES "PackageSeal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScopeChangeItem" ADD CONSTRAINT "ScopeChangeItem_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ScopeChangeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScopeChangeItem" ADD CONSTRAINT "ScopeChangeItem_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScopeChangeItem" ADD CONSTRAINT "ScopeChangeItem_buildId_fkey" FOREIGN KEY ("buildId") REFERENCES "Build"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Risk" ADD CONSTRAINT "Risk_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Risk" ADD CONSTRAINT "Risk_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanTask" ADD CONSTRAINT "PlanTask_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanTask" ADD CONSTRAINT "PlanTask_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanTaskDependency" ADD CONSTRAINT "PlanTaskDependency_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "PlanTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanTaskDependency" ADD CONSTRAINT "PlanTaskDependency_dependsOnId_fkey" FOREIGN KEY ("dependsOnId") REFERENCES "PlanTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyVersion" ADD CONSTRAINT "PolicyVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequirement" ADD CONSTRAINT "ApprovalRequirement_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequirement" ADD CONSTRAINT "ApprovalRequirement_policyVersionId_fkey" FOREIGN KEY ("policyVersionId") REFERENCES "PolicyVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequirement" ADD CONSTRAINT "ApprovalRequirement_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "ApprovalRequirement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_approverId_fkey" FOREIGN KEY ("approverId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_policyVersionId_fkey" FOREIGN KEY ("policyVersionId") REFERENCES "PolicyVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_invalidatedBySealId_fkey" FOREIGN KEY ("invalidatedBySealId") REFERENCES "PackageSeal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FreezeWindow" ADD CONSTRAINT "FreezeWindow_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FreezeWindowEnvironment" ADD CONSTRAINT "FreezeWindowEnvironment_freezeId_fkey" FOREIGN KEY ("freezeId") REFERENCES "FreezeWindow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FreezeWindowEnvironment" ADD CONSTRAINT "FreezeWindowEnvironment_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FreezeWindowComponent" ADD CONSTRAINT "FreezeWindowComponent_freezeId_fkey" FOREIGN KEY ("freezeId") REFERENCES "FreezeWindow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FreezeWindowComponent" ADD CONSTRAINT "FreezeWindowComponent_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FreezeOverride" ADD CONSTRAINT "FreezeOverride_freezeId_fkey" FOREIGN KEY ("freezeId") REFERENCES "FreezeWindow"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FreezeOverride" ADD CONSTRAINT "FreezeOverride_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FreezeOverride" ADD CONSTRAINT "FreezeOverride_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FreezeOverride" ADD CONSTRAINT "FreezeOverride_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FreezeOverride" ADD CONSTRAINT "FreezeOverride_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictAcknowledgement" ADD CONSTRAINT "ConflictAcknowledgement_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictAcknowledgement" ADD CONSTRAINT "ConflictAcknowledgement_otherReleaseId_fkey" FOREIGN KEY ("otherReleaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictAcknowledgement" ADD CONSTRAINT "ConflictAcknowledgement_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictAcknowledgement" ADD CONSTRAINT "ConflictAcknowledgement_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictAcknowledgement" ADD CONSTRAINT "ConflictAcknowledgement_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_sealId_fkey" FOREIGN KEY ("sealId") REFERENCES "PackageSeal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_triggeredById_fkey" FOREIGN KEY ("triggeredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_apiTokenId_fkey" FOREIGN KEY ("apiTokenId") REFERENCES "ApiToken"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeploymentItem" ADD CONSTRAINT "DeploymentItem_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeploymentItem" ADD CONSTRAINT "DeploymentItem_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeploymentItem" ADD CONSTRAINT "DeploymentItem_buildId_componentId_fkey" FOREIGN KEY ("buildId", "componentId") REFERENCES "Build"("id", "componentId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerificationResult" ADD CONSTRAINT "VerificationResult_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerificationResult" ADD CONSTRAINT "VerificationResult_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackoutPlan" ADD CONSTRAINT "BackoutPlan_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackoutPlan" ADD CONSTRAINT "BackoutPlan_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackoutStep" ADD CONSTRAINT "BackoutStep_planId_fkey" FOREIGN KEY ("planId") REFERENCES "BackoutPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackoutTarget" ADD CONSTRAINT "BackoutTarget_planId_fkey" FOREIGN KEY ("planId") REFERENCES "BackoutPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackoutTarget" ADD CONSTRAINT "BackoutTarget_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackoutTarget" ADD CONSTRAINT "BackoutTarget_buildId_componentId_fkey" FOREIGN KEY ("buildId", "componentId") REFERENCES "Build"("id", "componentId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handover" ADD CONSTRAINT "Handover_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handover" ADD CONSTRAINT "Handover_preparedById_fkey" FOREIGN KEY ("preparedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handover" ADD CONSTRAINT "Handover_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostReleaseReview" ADD CONSTRAINT "PostReleaseReview_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostReleaseReview" ADD CONSTRAINT "PostReleaseReview_completedById_fkey" FOREIGN KEY ("completedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewActionItem" ADD CONSTRAINT "ReviewActionItem_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "PostReleaseReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewActionItem" ADD CONSTRAINT "ReviewActionItem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

