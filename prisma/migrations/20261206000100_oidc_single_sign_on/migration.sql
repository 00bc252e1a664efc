-- OIDC single sign-on (issue 14, point 1): identity links, group mappings, the password sign-in switch
-- and its break-glass admins (docs/decisions/037-oidc-single-sign-on.md).
-- CreateTable
CREATE TABLE "IdentityLink" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" TIMESTAMPTZ(3),

    CONSTRAINT "IdentityLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OidcGroupMapping" (
    "id" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "roles" TEXT[],
    "teamId" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 100,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OidcGroupMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInSetting" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "passwordSignIn" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SignInSetting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BreakGlassAdmin" (
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BreakGlassAdmin_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE INDEX "IdentityLink_userId_idx" ON "IdentityLink"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "IdentityLink_issuer_subject_key" ON "IdentityLink"("issuer", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "OidcGroupMapping_group_key" ON "OidcGroupMapping"("group");

-- CreateIndex
CREATE INDEX "OidcGroupMapping_teamId_idx" ON "OidcGroupMapping"("teamId");

-- AddForeignKey
ALTER TABLE "IdentityLink" ADD CONSTRAINT "IdentityLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OidcGroupMapping" ADD CONSTRAINT "OidcGroupMapping_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BreakGlassAdmin" ADD CONSTRAINT "BreakGlassAdmin_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

