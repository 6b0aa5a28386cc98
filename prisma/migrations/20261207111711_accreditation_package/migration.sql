-- AlterTable
ALTER TABLE "ModuleLocale" ADD COLUMN "about" TEXT;

-- AlterTable
ALTER TABLE "ReportFact" ADD COLUMN "activeSeconds" INTEGER;
ALTER TABLE "ReportFact" ADD COLUMN "reportedMinutes" INTEGER;

-- CreateTable
CREATE TABLE "ModuleEvaluation" (
    "userId" TEXT NOT NULL,
    "moduleId" TEXT NOT NULL,
    "skipped" BOOLEAN NOT NULL DEFAULT false,
    "relevance" INTEGER,
    "objectivesMet" INTEGER,
    "quality" INTEGER,
    "independent" INTEGER,
    "minutesSpent" INTEGER,
    "comment" TEXT,
    "submittedAt" DATETIME NOT NULL,
    "month" INTEGER NOT NULL,

    PRIMARY KEY ("userId", "moduleId"),
    CONSTRAINT "ModuleEvaluation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ModuleEvaluation_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ModuleEvaluation_moduleId_month_idx" ON "ModuleEvaluation"("moduleId", "month");

