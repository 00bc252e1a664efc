-- Release announcements for the users of components (issue 13, point 8; docs/decisions/031-release-announcements.md).
-- One announcement per release; every published text kept as a revision; a distribution list per component.

-- CreateEnum
CREATE TYPE "AnnouncementStatus" AS ENUM ('draft', 'published');

-- AlterTable
ALTER TABLE "Component" ADD COLUMN     "distributionList" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "Announcement" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "summary" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    "effective" TEXT NOT NULL DEFAULT '',
    "contact" TEXT NOT NULL DEFAULT '',
    "status" "AnnouncementStatus" NOT NULL DEFAULT 'draft',
    "publishedAt" TIMESTAMPTZ(3),
    "publishedById" TEXT,
    "correctedAt" TIMESTAMPTZ(3),
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" TEXT,

    CONSTRAINT "Announcement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnouncementComponent" (
    "announcementId" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,

    CONSTRAINT "AnnouncementComponent_pkey" PRIMARY KEY ("announcementId","componentId")
);

-- CreateTable
CREATE TABLE "AnnouncementRevision" (
    "id" TEXT NOT NULL,
    "announcementId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "effective" TEXT NOT NULL,
    "contact" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "emailed" BOOLEAN NOT NULL DEFAULT false,
    "publishedBy" TEXT NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AnnouncementRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Announcement_releaseId_key" ON "Announcement"("releaseId");

-- CreateIndex
CREATE INDEX "Announcement_status_publishedAt_idx" ON "Announcement"("status", "publishedAt");

-- CreateIndex
CREATE INDEX "AnnouncementComponent_componentId_idx" ON "AnnouncementComponent"("componentId");

-- CreateIndex
CREATE UNIQUE INDEX "AnnouncementRevision_announcementId_revision_key" ON "AnnouncementRevision"("announcementId", "revision");

-- AddForeignKey
ALTER TABLE "Announcement" ADD CONSTRAINT "Announcement_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Announcement" ADD CONSTRAINT "Announcement_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnouncementComponent" ADD CONSTRAINT "AnnouncementComponent_announcementId_fkey" FOREIGN KEY ("announcementId") REFERENCES "Announcement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnouncementComponent" ADD CONSTRAINT "AnnouncementComponent_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnouncementRevision" ADD CONSTRAINT "AnnouncementRevision_announcementId_fkey" FOREIGN KEY ("announcementId") REFERENCES "Announcement"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A published announcement has its publication time and at least its first revision.
ALTER TABLE "Announcement" ADD CONSTRAINT "Announcement_published_check" CHECK ("status" = 'draft' OR ("publishedAt" IS NOT NULL AND "revision" >= 1));
ALTER TABLE "Announcement" ADD CONSTRAINT "Announcement_revision_check" CHECK ("revision" >= 0);
ALTER TABLE "AnnouncementRevision" ADD CONSTRAINT "AnnouncementRevision_revision_check" CHECK ("revision" >= 1);

-- A published text is kept as it was: revisions are never rewritten (they go only with their release).
CREATE FUNCTION relm_refuse_announcement_revision_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'published announcement texts are kept as they were (revision % of announcement %)', OLD."revision", OLD."announcementId"
    USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER relm_announcement_revision_immutable BEFORE UPDATE ON "AnnouncementRevision"
  FOR EACH ROW EXECUTE FUNCTION relm_refuse_announcement_revision_change();
