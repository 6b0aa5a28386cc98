-- AlterTable
ALTER TABLE "Enrollment" ADD COLUMN "postSurvey" TEXT;
ALTER TABLE "Enrollment" ADD COLUMN "preSurvey" TEXT;

-- CreateTable
CREATE TABLE "Question" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "moduleId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "topic" TEXT,
    "lessonId" TEXT,
    "position" INTEGER NOT NULL,
    "data" TEXT NOT NULL,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Question_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Question_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssessmentAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "moduleId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "seed" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "passMark" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'in_progress',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "savedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" DATETIME,
    "earned" REAL,
    "possible" INTEGER,
    "percent" REAL,
    "passed" BOOLEAN,
    "reportedMinutes" INTEGER,
    CONSTRAINT "AssessmentAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssessmentAttempt_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttemptItem" (
    "attemptId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "questionId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "optionOrder" TEXT NOT NULL,
    "selected" TEXT,
    "score" REAL,

    PRIMARY KEY ("attemptId", "position"),
    CONSTRAINT "AttemptItem_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "AssessmentAttempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CheckAnswer" (
    "userId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "selected" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "answeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "questionId"),
    CONSTRAINT "CheckAnswer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CheckAnswer_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SurveyItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "surveyKey" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "reverse" BOOLEAN NOT NULL DEFAULT false,
    "text" TEXT NOT NULL,
    "archived" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "AttitudeAnswer" (
    "userId" TEXT NOT NULL,
    "moduleId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "before" INTEGER,
    "beforeAt" DATETIME,
    "after" INTEGER,
    "afterAt" DATETIME,

    PRIMARY KEY ("userId", "moduleId", "itemId"),
    CONSTRAINT "AttitudeAnswer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AttitudeAnswer_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "SurveyItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ModuleCompletion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "moduleId" TEXT NOT NULL,
    "completedAt" DATETIME NOT NULL,
    "contentHash" TEXT NOT NULL,
    "attemptId" TEXT,
    "percent" REAL,
    CONSTRAINT "ModuleCompletion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ModuleCompletion_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "surveyKey" TEXT
);
INSERT INTO "new_Module" ("archived", "contentHash", "id", "minutes", "position", "sectors", "syncedAt") SELECT "archived", "contentHash", "id", "minutes", "position", "sectors", "syncedAt" FROM "Module";
DROP TABLE "Module";
ALTER TABLE "new_Module" RENAME TO "Module";
CREATE TABLE "new_LessonProgress" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    "contentHash" TEXT NOT NULL,
    "activeSeconds" INTEGER NOT NULL DEFAULT 0,
    "lastActiveAt" DATETIME,
    CONSTRAINT "LessonProgress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LessonProgress_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_LessonProgress" ("completedAt", "contentHash", "firstSeenAt", "id", "lastSeenAt", "lessonId", "userId") SELECT "completedAt", "contentHash", "firstSeenAt", "id", "lastSeenAt", "lessonId", "userId" FROM "LessonProgress";
DROP TABLE "LessonProgress";
ALTER TABLE "new_LessonProgress" RENAME TO "LessonProgress";
CREATE INDEX "LessonProgress_lessonId_idx" ON "LessonProgress"("lessonId");
CREATE UNIQUE INDEX "LessonProgress_userId_lessonId_key" ON "LessonProgress"("userId", "lessonId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Question_moduleId_kind_archived_idx" ON "Question"("moduleId", "kind", "archived");

-- CreateIndex
CREATE INDEX "Question_lessonId_idx" ON "Question"("lessonId");

-- CreateIndex
CREATE INDEX "AssessmentAttempt_moduleId_status_idx" ON "AssessmentAttempt"("moduleId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentAttempt_userId_moduleId_number_key" ON "AssessmentAttempt"("userId", "moduleId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "AttemptItem_attemptId_questionId_key" ON "AttemptItem"("attemptId", "questionId");

-- CreateIndex
CREATE INDEX "CheckAnswer_questionId_idx" ON "CheckAnswer"("questionId");

-- CreateIndex
CREATE INDEX "SurveyItem_surveyKey_archived_idx" ON "SurveyItem"("surveyKey", "archived");

-- CreateIndex
CREATE INDEX "AttitudeAnswer_moduleId_itemId_idx" ON "AttitudeAnswer"("moduleId", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "ModuleCompletion_attemptId_key" ON "ModuleCompletion"("attemptId");

-- CreateIndex
CREATE INDEX "ModuleCompletion_moduleId_completedAt_idx" ON "ModuleCompletion"("moduleId", "completedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ModuleCompletion_userId_moduleId_key" ON "ModuleCompletion"("userId", "moduleId");

