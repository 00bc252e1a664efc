-- Co-managers of a release: who may change it besides its owner and the release managers of the
-- owner's team (issue 14, point 6; docs/decisions/039-who-may-edit-a-release.md).

-- CreateTable
CREATE TABLE "ReleaseCoManager" (
    "releaseId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "addedById" TEXT,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReleaseCoManager_pkey" PRIMARY KEY ("releaseId","userId")
);

-- CreateIndex
CREATE INDEX "ReleaseCoManager_userId_idx" ON "ReleaseCoManager"("userId");

-- AddForeignKey
ALTER TABLE "ReleaseCoManager" ADD CONSTRAINT "ReleaseCoManager_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseCoManager" ADD CONSTRAINT "ReleaseCoManager_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseCoManager" ADD CONSTRAINT "ReleaseCoManager_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
