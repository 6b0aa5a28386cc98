-- CreateTable
CREATE TABLE "ReportGeneration" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "generation" INTEGER NOT NULL DEFAULT 0
);


-- The one stamp row the report cache reads.
INSERT INTO "ReportGeneration" ("id", "generation") VALUES (1, 0);
