-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AssessmentAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "moduleId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "seed" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "passMark" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'in_progress',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" DATETIME,
    "earned" REAL,
    "possible" INTEGER,
    "percent" REAL,
    "passed" BOOLEAN,
    "reportedMinutes" INTEGER,
    CONSTRAINT "AssessmentAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssessmentAttempt_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_AssessmentAttempt" ("contentHash", "earned", "id", "moduleId", "number", "passMark", "passed", "percent", "possible", "reportedMinutes", "seed", "startedAt", "status", "submittedAt", "userId") SELECT "contentHash", "earned", "id", "moduleId", "number", "passMark", "passed", "percent", "possible", "reportedMinutes", "seed", "startedAt", "status", "submittedAt", "userId" FROM "AssessmentAttempt";
DROP TABLE "AssessmentAttempt";
ALTER TABLE "new_AssessmentAttempt" RENAME TO "AssessmentAttempt";
CREATE INDEX "AssessmentAttempt_moduleId_status_idx" ON "AssessmentAttempt"("moduleId", "status");
CREATE UNIQUE INDEX "AssessmentAttempt_userId_moduleId_number_key" ON "AssessmentAttempt"("userId", "moduleId", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

