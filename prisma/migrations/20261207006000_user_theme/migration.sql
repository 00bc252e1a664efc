-- A person's colour theme (issue 16, point 10; docs/decisions/056-light-and-dark.md).
-- Null follows the browser's prefers-color-scheme; otherwise the person's choice.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "theme" TEXT;

ALTER TABLE "User" ADD CONSTRAINT "User_theme_check" CHECK ("theme" IS NULL OR "theme" IN ('light', 'dark'));
