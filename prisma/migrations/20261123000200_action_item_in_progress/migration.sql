-- Action items from post-release reviews can be in progress between open and done.
ALTER TYPE "ActionItemStatus" ADD VALUE IF NOT EXISTS 'in_progress' AFTER 'open';
