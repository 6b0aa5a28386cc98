-- CreateTable
CREATE TABLE "ScormPackage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "moduleId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "manifest" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "fileCount" INTEGER NOT NULL,
    "totalBytes" INTEGER NOT NULL,
    "warnings" TEXT NOT NULL DEFAULT '[]',
    "uploadedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ScormPackage_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScormSco" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "packageId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "launch" TEXT NOT NULL,
    "scormType" TEXT NOT NULL,
    "runtime" TEXT NOT NULL,
    CONSTRAINT "ScormSco_packageId_fkey" FOREIGN KEY ("packageId") REFERENCES "ScormPackage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScormAttempt" (
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
    CONSTRAINT "ScormAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScormAttempt_scoId_fkey" FOREIGN KEY ("scoId") REFERENCES "ScormSco" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Module" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "position" INTEGER NOT NULL,
    "sectors" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "syncedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "hasAssessment" BOOLEAN NOT NULL DEFAULT false,
    "passMark" INTEGER NOT NULL DEFAULT 0,
    "drawCount" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 0,
    "waitMinutes" INTEGER NOT NULL DEFAULT 0,
    "surveyKey" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'markdown'
);
INSERT INTO "new_Module" ("archived", "contentHash", "drawCount", "hasAssessment", "id", "maxAttempts", "minutes", "passMark", "position", "sectors", "surveyKey", "syncedAt", "waitMinutes") SELECT "archived", "contentHash", "drawCount", "hasAssessment", "id", "maxAttempts", "minutes", "passMark", "position", "sectors", "surveyKey", "syncedAt", "waitMinutes" FROM "Module";
DROP TABLE "Module";
ALTER TABLE "new_Module" RENAME TO "Module";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ScormPackage_moduleId_key" ON "ScormPackage"("moduleId");

-- CreateIndex
CREATE UNIQUE INDEX "ScormPackage_storageKey_key" ON "ScormPackage"("storageKey");

-- CreateIndex
CREATE INDEX "ScormSco_packageId_position_idx" ON "ScormSco"("packageId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ScormSco_packageId_itemId_key" ON "ScormSco"("packageId", "itemId");

-- CreateIndex
CREATE INDEX "ScormAttempt_scoId_idx" ON "ScormAttempt"("scoId");

-- CreateIndex
CREATE UNIQUE INDEX "ScormAttempt_userId_scoId_key" ON "ScormAttempt"("userId", "scoId");

