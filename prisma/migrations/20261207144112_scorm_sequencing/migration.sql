-- CreateTable
CREATE TABLE "ScormSequencing" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "packageId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "currentItemId" TEXT,
    "rootCompletion" TEXT NOT NULL DEFAULT 'unknown',
    "rootSuccess" TEXT NOT NULL DEFAULT 'unknown',
    "rootScoreScaled" REAL,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ScormSequencing_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScormSequencing_packageId_fkey" FOREIGN KEY ("packageId") REFERENCES "ScormPackage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ScormSco" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "packageId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "launch" TEXT NOT NULL,
    "scormType" TEXT NOT NULL,
    "runtime" TEXT NOT NULL,
    "visible" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "ScormSco_packageId_fkey" FOREIGN KEY ("packageId") REFERENCES "ScormPackage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ScormSco" ("id", "itemId", "launch", "packageId", "position", "runtime", "scormType", "title") SELECT "id", "itemId", "launch", "packageId", "position", "runtime", "scormType", "title" FROM "ScormSco";
DROP TABLE "ScormSco";
ALTER TABLE "new_ScormSco" RENAME TO "ScormSco";
CREATE INDEX "ScormSco_packageId_position_idx" ON "ScormSco"("packageId", "position");
CREATE UNIQUE INDEX "ScormSco_packageId_itemId_key" ON "ScormSco"("packageId", "itemId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ScormSequencing_packageId_idx" ON "ScormSequencing"("packageId");

-- CreateIndex
CREATE UNIQUE INDEX "ScormSequencing_userId_packageId_key" ON "ScormSequencing"("userId", "packageId");

