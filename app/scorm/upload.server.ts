/**
 * Receiving a SCORM ZIP from the admin's upload form: the multipart body is streamed to a file in
 * SCORM_PACKAGE_DIR/.uploads (never held in memory), limited to SCORM_MAX_UPLOAD_BYTES, imported,
 * and the uploaded file is removed again whatever the outcome, also when the body breaks off.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

import type { PrismaClient } from "@prisma/client";
import {
  MaxPartSizeExceededError,
  NodeOnDiskFile,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";

import { importScormPackage, type ImportResult } from "./import.server";
import { maxUploadBytes, uploadDirectory } from "./storage.server";

/** The name of the file field in the upload form. */
export const UPLOAD_FIELD = "package";

const MB = 1024 * 1024;

export async function receiveScormUpload(
  db: PrismaClient,
  { request, adminId, now }: { request: Request; adminId: string; now: Date },
): Promise<ImportResult> {
  const limit = maxUploadBytes();
  const tooLarge: ImportResult = {
    ok: false,
    messageKey: "scorm.admin.uploadTooLarge",
    params: { limit: Math.floor(limit / MB) },
  };
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("multipart/form-data")) {
    return { ok: false, messageKey: "scorm.admin.uploadMissing", params: {} };
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  // A little room for the multipart framing around the file.
  if (declared > limit + MB) return tooLarge;

  // A folder per upload, removed whatever happens, so a body cut off halfway leaves no part file.
  const directory = path.join(uploadDirectory(), randomBytes(16).toString("hex"));
  await fs.mkdir(directory, { recursive: true });
  try {
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(
        request,
        unstable_composeUploadHandlers(
          unstable_createFileUploadHandler({
            directory,
            file: () => `${randomBytes(16).toString("hex")}.zip`,
            avoidFileConflicts: false,
            maxPartSize: limit,
            filter: ({ name, filename }) => name === UPLOAD_FIELD && filename !== "",
          }),
          unstable_createMemoryUploadHandler({ maxPartSize: 16 * 1024 }),
        ),
      );
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) return tooLarge;
      // The client went away (or server.js refused the size): nobody is waiting for an answer.
      if (request.signal.aborted) throw error;
      // No boundary, a truncated body, broken part headers: the multipart parser gives up.
      return { ok: false, messageKey: "scorm.admin.uploadUnreadable", params: {} };
    }

    const uploaded = form.get(UPLOAD_FIELD);
    if (!(uploaded instanceof NodeOnDiskFile))
      return { ok: false, messageKey: "scorm.admin.uploadMissing", params: {} };
    if (uploaded.size === 0) return { ok: false, messageKey: "scorm.admin.uploadEmpty", params: {} };
    return await importScormPackage(db, { zip: uploaded.getFilePath(), uploadedById: adminId, now });
  } finally {
    await fs.rm(directory, { recursive: true, force: true });
  }
}
