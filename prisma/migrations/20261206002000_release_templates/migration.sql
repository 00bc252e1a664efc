-- Release templates and standard changes (issue 15, points 4 and 5;
-- docs/decisions/044-release-templates-and-copies.md, 045-standard-changes.md).

-- AlterTable
ALTER TABLE "Release" ADD COLUMN "templateVersionId" TEXT,
ADD COLUMN "preApproval" JSONB,
ADD COLUMN "preApprovedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "ReleaseTemplate" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "retiredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReleaseTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReleaseTemplateVersion" (
    "id" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "body" JSONB NOT NULL,
    "sourceReleaseKey" TEXT NOT NULL DEFAULT '',
    "savedById" TEXT,
    "savedByName" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReleaseTemplateVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReleaseTemplate_name_key" ON "ReleaseTemplate"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ReleaseTemplateVersion_templateId_version_key" ON "ReleaseTemplateVersion"("templateId", "version");

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_templateVersionId_fkey" FOREIGN KEY ("templateVersionId") REFERENCES "ReleaseTemplateVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseTemplateVersion" ADD CONSTRAINT "ReleaseTemplateVersion_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "ReleaseTemplate"("id") ON DELETE CASCADE ON UPDATE CASCADE;
