-- Release trains (issue 15, point 3; docs/decisions/046-release-trains.md): a cadence whose
-- occurrences are departures, releases on a departure, and late-join exceptions.

-- CreateTable
CREATE TABLE "Train" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "rrule" TEXT,
    "cron" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "cutoffMinutes" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" TEXT,

    CONSTRAINT "Train_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainEnvironment" (
    "trainId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,

    CONSTRAINT "TrainEnvironment_pkey" PRIMARY KEY ("trainId","environmentId")
);

-- CreateTable
CREATE TABLE "TrainDeparture" (
    "id" TEXT NOT NULL,
    "trainId" TEXT NOT NULL,
    "departureAt" TIMESTAMPTZ(3) NOT NULL,
    "cutoffAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainDeparture_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainSeat" (
    "releaseId" TEXT NOT NULL,
    "departureId" TEXT NOT NULL,
    "joinedById" TEXT,
    "joinedAt" TIMESTAMPTZ(3) NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "TrainSeat_pkey" PRIMARY KEY ("releaseId")
);

-- CreateTable
CREATE TABLE "TrainLateJoin" (
    "id" TEXT NOT NULL,
    "departureId" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "OverrideStatus" NOT NULL DEFAULT 'requested',
    "requestedById" TEXT NOT NULL,
    "confirmedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainLateJoin_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Train_slug_key" ON "Train"("slug");

-- CreateIndex
CREATE INDEX "TrainDeparture_departureAt_idx" ON "TrainDeparture"("departureAt");

-- CreateIndex
CREATE UNIQUE INDEX "TrainDeparture_trainId_departureAt_key" ON "TrainDeparture"("trainId", "departureAt");

-- CreateIndex
CREATE INDEX "TrainSeat_departureId_idx" ON "TrainSeat"("departureId");

-- CreateIndex
CREATE INDEX "TrainLateJoin_releaseId_departureId_idx" ON "TrainLateJoin"("releaseId", "departureId");

-- CreateIndex
CREATE INDEX "TrainLateJoin_departureId_status_idx" ON "TrainLateJoin"("departureId", "status");

-- AddForeignKey
ALTER TABLE "Train" ADD CONSTRAINT "Train_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Train" ADD CONSTRAINT "Train_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainEnvironment" ADD CONSTRAINT "TrainEnvironment_trainId_fkey" FOREIGN KEY ("trainId") REFERENCES "Train"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainEnvironment" ADD CONSTRAINT "TrainEnvironment_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainDeparture" ADD CONSTRAINT "TrainDeparture_trainId_fkey" FOREIGN KEY ("trainId") REFERENCES "Train"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainSeat" ADD CONSTRAINT "TrainSeat_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainSeat" ADD CONSTRAINT "TrainSeat_departureId_fkey" FOREIGN KEY ("departureId") REFERENCES "TrainDeparture"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainSeat" ADD CONSTRAINT "TrainSeat_joinedById_fkey" FOREIGN KEY ("joinedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainLateJoin" ADD CONSTRAINT "TrainLateJoin_departureId_fkey" FOREIGN KEY ("departureId") REFERENCES "TrainDeparture"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainLateJoin" ADD CONSTRAINT "TrainLateJoin_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainLateJoin" ADD CONSTRAINT "TrainLateJoin_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainLateJoin" ADD CONSTRAINT "TrainLateJoin_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Integrity rules the domain also checks
ALTER TABLE "Train" ADD CONSTRAINT "Train_cadence_check" CHECK ("rrule" IS NOT NULL OR "cron" IS NOT NULL);
ALTER TABLE "Train" ADD CONSTRAINT "Train_cutoff_check" CHECK ("cutoffMinutes" >= 0 AND "cutoffMinutes" <= 20160);
ALTER TABLE "TrainDeparture" ADD CONSTRAINT "TrainDeparture_cutoff_check" CHECK ("cutoffAt" <= "departureAt");
ALTER TABLE "TrainLateJoin" ADD CONSTRAINT "TrainLateJoin_twoPeople_check" CHECK ("confirmedById" IS NULL OR "confirmedById" <> "requestedById");
ALTER TABLE "TrainLateJoin" ADD CONSTRAINT "TrainLateJoin_reason_check" CHECK (length(btrim("reason")) > 0);
