import { z } from "zod";

import { jsonColumn } from "./json-column";
import type { Db } from "./types";

interface AuditEntry {
  /** Who acted; null when the record must not say (an account deletion). */
  actorId: string | null;
  action: string;
  /** Stored as JSON text; keys keep their order, so a query can narrow on a leading key. */
  details?: Record<string, unknown>;
  /** Defaults to the database's now. */
  at?: Date;
}

/**
 * Writes one AuditLog row. It returns the Prisma promise itself (not an async wrapper) so it also
 * fits an array `$transaction([...])` beside the change it records.
 */
export function writeAudit(db: Db, { actorId, action, details = {}, at }: AuditEntry) {
  return db.auditLog.create({
    data: { userId: actorId, action, details: auditDetailsColumn.serialise(details), ...(at ? { createdAt: at } : {}) },
    select: { id: true },
  });
}

const auditDetailsColumn = jsonColumn(z.record(z.unknown()), null);

/** An AuditLog row's details as written by `writeAudit`; null when the text is not a JSON object. */
export function readAuditDetails(text: string): Record<string, unknown> | null {
  return auditDetailsColumn.parse(text);
}
