-- AlterTable
ALTER TABLE "ReportGeneration" ALTER COLUMN "id" DROP DEFAULT;

-- CreateIndex
CREATE INDEX "ReportFact_moduleId_userId_completedAt_activeSeconds_report_idx" ON "ReportFact"("moduleId", "userId", "completedAt", "activeSeconds", "reportedMinutes", "cohortId");
