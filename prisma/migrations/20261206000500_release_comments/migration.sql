-- Release discussion: comments, their earlier texts, and whom they mention (issue 15, point 6;
-- docs/decisions/042-release-discussion-and-mentions.md).

-- CreateEnum
CREATE TYPE "ReleaseCommentKind" AS ENUM ('comment', 'question');

-- CreateTable
CREATE TABLE "ReleaseComment" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "kind" "ReleaseCommentKind" NOT NULL DEFAULT 'comment',
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "editedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ReleaseComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReleaseCommentEdit" (
    "id" TEXT NOT NULL,
    "commentId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "writtenAt" TIMESTAMPTZ(3) NOT NULL,
    "replacedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReleaseCommentEdit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReleaseCommentMention" (
    "commentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "ReleaseCommentMention_pkey" PRIMARY KEY ("commentId","userId")
);

-- CreateIndex
CREATE INDEX "ReleaseComment_releaseId_createdAt_idx" ON "ReleaseComment"("releaseId", "createdAt");

-- CreateIndex
CREATE INDEX "ReleaseCommentEdit_commentId_idx" ON "ReleaseCommentEdit"("commentId");

-- CreateIndex
CREATE INDEX "ReleaseCommentMention_userId_idx" ON "ReleaseCommentMention"("userId");

-- AddForeignKey
ALTER TABLE "ReleaseComment" ADD CONSTRAINT "ReleaseComment_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseComment" ADD CONSTRAINT "ReleaseComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseCommentEdit" ADD CONSTRAINT "ReleaseCommentEdit_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "ReleaseComment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseCommentMention" ADD CONSTRAINT "ReleaseCommentMention_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "ReleaseComment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseCommentMention" ADD CONSTRAINT "ReleaseCommentMention_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
