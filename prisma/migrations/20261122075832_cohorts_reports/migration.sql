-- CreateTable
CREATE TABLE "OrganisationTrainer" (
    "organisationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("organisationId", "userId"),
    CONSTRAINT "OrganisationTrainer_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrganisationTrainer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Cohort" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "joinCode" TEXT NOT NULL,
    "deadline" DATETIME,
    "closedAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Cohort_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CohortModule" (
    "cohortId" TEXT NOT NULL,
    "moduleId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("cohortId", "moduleId"),
    CONSTRAINT "CohortModule_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CohortModule_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CohortMember" (
    "cohortId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("cohortId", "userId"),
    CONSTRAINT "CohortMember_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CohortMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportFact" (
    "cohortId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "moduleId" TEXT NOT NULL,
    "joinedAt" DATETIME NOT NULL,
    "startedAt" DATETIME,
    "completedAt" DATETIME,
    "passedAt" DATETIME,
    "bestPercent" REAL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "minutesToComplete" INTEGER,

    PRIMARY KEY ("cohortId", "moduleId", "userId")
);

-- CreateTable
CREATE TABLE "ReportRollup" (
    "cohortId" TEXT NOT NULL,
    "moduleId" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "organisationId" TEXT NOT NULL,
    "enrolled" INTEGER NOT NULL DEFAULT 0,
    "started" INTEGER NOT NULL DEFAULT 0,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "passed" INTEGER NOT NULL DEFAULT 0,
    "scored" INTEGER NOT NULL DEFAULT 0,
    "scoreSum" REAL NOT NULL DEFAULT 0,
    "durations" TEXT NOT NULL DEFAULT '',
    "startedInMonth" INTEGER NOT NULL DEFAULT 0,
    "completedInMonth" INTEGER NOT NULL DEFAULT 0,
    "passedInMonth" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("cohortId", "moduleId", "month")
);

-- CreateTable
CREATE TABLE "ItemRollup" (
    "cohortId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "moduleId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "answered" INTEGER NOT NULL DEFAULT 0,
    "correct" INTEGER NOT NULL DEFAULT 0,
    "scoreSum" REAL NOT NULL DEFAULT 0,
    "optionCounts" TEXT NOT NULL DEFAULT '[]',

    PRIMARY KEY ("cohortId", "questionId", "month")
);

-- CreateTable
CREATE TABLE "AttitudeRollup" (
    "cohortId" TEXT NOT NULL,
    "moduleId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "organisationId" TEXT NOT NULL,
    "pairs" INTEGER NOT NULL DEFAULT 0,
    "beforeSum" INTEGER NOT NULL DEFAULT 0,
    "afterSum" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("cohortId", "moduleId", "itemId", "month")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'learner',
    "locale" TEXT NOT NULL DEFAULT 'nl',
    "sector" TEXT NOT NULL,
    "organisationId" TEXT,
    "allOrganisations" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("createdAt", "email", "id", "locale", "name", "organisationId", "passwordHash", "role", "sector", "updatedAt") SELECT "createdAt", "email", "id", "locale", "name", "organisationId", "passwordHash", "role", "sector", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_organisationId_idx" ON "User"("organisationId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "OrganisationTrainer_userId_idx" ON "OrganisationTrainer"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Cohort_joinCode_key" ON "Cohort"("joinCode");

-- CreateIndex
CREATE INDEX "Cohort_organisationId_createdAt_idx" ON "Cohort"("organisationId", "createdAt");

-- CreateIndex
CREATE INDEX "CohortModule_moduleId_idx" ON "CohortModule"("moduleId");

-- CreateIndex
CREATE INDEX "CohortMember_userId_idx" ON "CohortMember"("userId");

-- CreateIndex
CREATE INDEX "ReportFact_userId_moduleId_idx" ON "ReportFact"("userId", "moduleId");

-- CreateIndex
CREATE INDEX "ReportRollup_organisationId_idx" ON "ReportRollup"("organisationId");

-- CreateIndex
CREATE INDEX "ReportRollup_moduleId_idx" ON "ReportRollup"("moduleId");

-- CreateIndex
CREATE INDEX "ItemRollup_moduleId_idx" ON "ItemRollup"("moduleId");

-- CreateIndex
CREATE INDEX "AttitudeRollup_moduleId_idx" ON "AttitudeRollup"("moduleId");


-- Trainers linked to an organisation before cohorts existed keep seeing it: appoint them there.
INSERT INTO "OrganisationTrainer" ("organisationId", "userId")
SELECT "organisationId", "id" FROM "User" WHERE "role" = 'trainer' AND "organisationId" IS NOT NULL;
