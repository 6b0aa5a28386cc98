-- CreateIndex
CREATE INDEX "ReportFact_moduleId_userId_completedAt_activeSeconds_reportedMinutes_cohortId_idx" ON "ReportFact"("moduleId", "userId", "completedAt", "activeSeconds", "reportedMinutes", "cohortId");
