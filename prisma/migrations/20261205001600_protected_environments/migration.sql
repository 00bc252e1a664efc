-- Protected environments name who may deploy to them (issue 14, point 7).

-- AlterTable
ALTER TABLE "Environment" ADD COLUMN "deployRoles" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "EnvironmentDeployTeam" (
    "environmentId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,

    CONSTRAINT "EnvironmentDeployTeam_pkey" PRIMARY KEY ("environmentId","teamId")
);

-- CreateIndex
CREATE INDEX "EnvironmentDeployTeam_teamId_idx" ON "EnvironmentDeployTeam"("teamId");

-- AddForeignKey
ALTER TABLE "EnvironmentDeployTeam" ADD CONSTRAINT "EnvironmentDeployTeam_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnvironmentDeployTeam" ADD CONSTRAINT "EnvironmentDeployTeam_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Environments already protected keep working: operations may deploy to them, as before.
UPDATE "Environment" SET "deployRoles" = ARRAY['operations']::TEXT[] WHERE "protected" = true;
