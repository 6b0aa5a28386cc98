-- CreateTable
CREATE TABLE "LearningEventOutbox" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT
);

-- CreateIndex
CREATE INDEX "LearningEventOutbox_occurredAt_idx" ON "LearningEventOutbox"("occurredAt");

