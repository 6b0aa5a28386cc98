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
    "parents" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "ScormSco_packageId_fkey" FOREIGN KEY ("packageId") REFERENCES "ScormPackage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ScormSco" ("id", "itemId", "launch", "packageId", "position", "runtime", "scormType", "title", "visible") SELECT "id", "itemId", "launch", "packageId", "position", "runtime", "scormType", "title", "visible" FROM "ScormSco";
DROP TABLE "ScormSco";
ALTER TABLE "new_ScormSco" RENAME TO "ScormSco";
CREATE INDEX "ScormSco_packageId_position_idx" ON "ScormSco"("packageId", "position");
CREATE UNIQUE INDEX "ScormSco_packageId_itemId_key" ON "ScormSco"("packageId", "itemId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
