-- A person's language (issue 16, point 9; docs/decisions/057-english-and-french.md).
-- Null: the browser's Accept-Language decides, as before anyone chose.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "locale" TEXT;
ALTER TABLE "User" ADD CONSTRAINT "User_locale_check" CHECK ("locale" IN ('en', 'fr'));
