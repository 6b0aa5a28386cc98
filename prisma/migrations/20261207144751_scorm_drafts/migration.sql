-- Imported SCORM packages start as drafts. Existing modules, imported packages included, stay
-- published: the column defaults to false. ADD COLUMN instead of the generated table rebuild, so
-- no row of Module (referenced by many tables) is copied.
ALTER TABLE "Module" ADD COLUMN "draft" BOOLEAN NOT NULL DEFAULT false;
