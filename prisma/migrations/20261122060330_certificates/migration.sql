-- CreateTable
CREATE TABLE "RegistrationNumber" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "register" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RegistrationNumber_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ModuleCertification" (
    "moduleId" TEXT NOT NULL PRIMARY KEY,
    "validityMonths" INTEGER,
    "reminderDays" INTEGER NOT NULL DEFAULT 30,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ModuleCertification_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Accreditation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "moduleId" TEXT NOT NULL,
    "register" TEXT NOT NULL,
    "accreditationId" TEXT NOT NULL,
    "points" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Accreditation_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "moduleId" TEXT NOT NULL,
    "attemptId" TEXT,
    "learnerName" TEXT NOT NULL,
    "moduleTitles" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "completedAt" DATETIME NOT NULL,
    "studyMinutes" INTEGER NOT NULL,
    "accreditations" TEXT NOT NULL DEFAULT '[]',
    "issuedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME,
    "revokedReason" TEXT,
    "reminderSentAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Certificate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Certificate_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CertificateEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "certificateId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "details" TEXT NOT NULL DEFAULT '{}',
    "actorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CertificateEvent_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttendanceExport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "moduleId" TEXT NOT NULL,
    "register" TEXT NOT NULL,
    "periodFrom" DATETIME NOT NULL,
    "periodTo" DATETIME NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rowCount" INTEGER NOT NULL,
    "batchCount" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "AttendanceExportRow" (
    "exportId" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "batch" INTEGER NOT NULL,

    PRIMARY KEY ("exportId", "certificateId", "number"),
    CONSTRAINT "AttendanceExportRow_exportId_fkey" FOREIGN KEY ("exportId") REFERENCES "AttendanceExport" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AttendanceExportRow_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CertificateBundle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestedById" TEXT NOT NULL,
    "filter" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "fileName" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "RegistrationNumber_register_idx" ON "RegistrationNumber"("register");

-- CreateIndex
CREATE UNIQUE INDEX "RegistrationNumber_userId_register_number_key" ON "RegistrationNumber"("userId", "register", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Accreditation_moduleId_register_key" ON "Accreditation"("moduleId", "register");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_code_key" ON "Certificate"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_attemptId_key" ON "Certificate"("attemptId");

-- CreateIndex
CREATE INDEX "Certificate_userId_moduleId_idx" ON "Certificate"("userId", "moduleId");

-- CreateIndex
CREATE INDEX "Certificate_moduleId_completedAt_idx" ON "Certificate"("moduleId", "completedAt");

-- CreateIndex
CREATE INDEX "Certificate_expiresAt_idx" ON "Certificate"("expiresAt");

-- CreateIndex
CREATE INDEX "CertificateEvent_certificateId_idx" ON "CertificateEvent"("certificateId");

-- CreateIndex
CREATE INDEX "AttendanceExport_moduleId_register_idx" ON "AttendanceExport"("moduleId", "register");

-- CreateIndex
CREATE INDEX "AttendanceExportRow_certificateId_idx" ON "AttendanceExportRow"("certificateId");

-- CreateIndex
CREATE INDEX "CertificateBundle_requestedById_createdAt_idx" ON "CertificateBundle"("requestedById", "createdAt");

