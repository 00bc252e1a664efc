-- A person's time zone (issue 13: stakeholders are told of their release's windows in their
-- own time zone). Null: each release's own zone, as before.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "timeZone" TEXT;
