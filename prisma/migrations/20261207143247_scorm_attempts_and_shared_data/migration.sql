-- CreateTable
CREATE TABLE "ScormSharedData" (
    "userId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "store" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "scope", "targetId"),
    CONSTRAINT "ScormSharedData_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ScormAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "scoId" TEXT NOT NULL,
    "cmi" TEXT NOT NULL DEFAULT '{}',
    "completion" TEXT NOT NULL DEFAULT 'not attempted',
    "success" TEXT NOT NULL DEFAULT 'unknown',
    "scoreScaled" REAL,
    "scoreRaw" REAL,
    "totalSeconds" REAL NOT NULL DEFAULT 0,
    "suspended" BOOLEAN NOT NULL DEFAULT false,
    "sessions" INTEGER NOT NULL DEFAULT 0,
    "commitSeq" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    "attemptNumber" INTEGER NOT NULL DEFAULT 1,
    "attemptEnded" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "ScormAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScormAttempt_scoId_fkey" FOREIGN KEY ("scoId") REFERENCES "ScormSco" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ScormAttempt" ("cmi", "commitSeq", "completedAt", "completion", "id", "scoId", "scoreRaw", "scoreScaled", "sessions", "startedAt", "success", "suspended", "totalSeconds", "updatedAt", "userId") SELECT "cmi", "commitSeq", "completedAt", "completion", "id", "scoId", "scoreRaw", "scoreScaled", "sessions", "startedAt", "success", "suspended", "totalSeconds", "updatedAt", "userId" FROM "ScormAttempt";
DROP TABLE "ScormAttempt";
ALTER TABLE "new_ScormAttempt" RENAME TO "ScormAttempt";
CREATE INDEX "ScormAttempt_scoId_idx" ON "ScormAttempt"("scoId");
CREATE UNIQUE INDEX "ScormAttempt_userId_scoId_key" ON "ScormAttempt"("userId", "scoId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

