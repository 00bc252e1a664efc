-- The calendar filters each person last applied (issue 16, point 6;
-- docs/decisions/053-calendar-bars-and-agenda.md).

-- CreateTable
CREATE TABLE "CalendarPreference" (
    "userId" TEXT NOT NULL,
    "environment" TEXT,
    "component" TEXT,
    "team" TEXT,
    "status" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CalendarPreference_pkey" PRIMARY KEY ("userId")
);

-- AddForeignKey
ALTER TABLE "CalendarPreference" ADD CONSTRAINT "CalendarPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
