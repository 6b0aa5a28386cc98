import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { readOutbox, sendMail } from "./mailer.server";

let dir: string;
const previous = { outbox: process.env.MAIL_OUTBOX_DIR, smtp: process.env.SMTP_URL, storage: process.env.STORAGE_DIR };

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "stigmavrij-outbox-"));
  process.env.MAIL_OUTBOX_DIR = path.join(dir, "nested");
  delete process.env.SMTP_URL;
  vi.spyOn(console, "info").mockImplementation(() => undefined);
});

afterEach(async () => {
  vi.restoreAllMocks();
  if (previous.outbox === undefined) delete process.env.MAIL_OUTBOX_DIR;
  else process.env.MAIL_OUTBOX_DIR = previous.outbox;
  if (previous.smtp !== undefined) process.env.SMTP_URL = previous.smtp;
  if (previous.storage === undefined) delete process.env.STORAGE_DIR;
  else process.env.STORAGE_DIR = previous.storage;
  await fs.rm(dir, { recursive: true, force: true });
});

describe("development outbox", () => {
  it("is empty when the folder does not exist", async () => {
    expect(await readOutbox()).toEqual([]);
  });

  it("writes each message as .eml with a readable sidecar, oldest first", async () => {
    await sendMail({ to: "ada@example.org", subject: "Eerste", text: "Hallo één" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await sendMail({ to: "bob@example.org", subject: "Second", text: "Hi", html: "<p>Hi</p>" });

    const messages = await readOutbox();
    expect(messages.map((m) => [m.to, m.subject])).toEqual([
      ["ada@example.org", "Eerste"],
      ["bob@example.org", "Second"],
    ]);
    expect(messages[0]?.text).toBe("Hallo één");
    const first = messages[0]?.file ?? "";
    expect(path.dirname(first)).toBe(path.join(dir, "nested"));
    expect(path.basename(first)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z-[0-9a-f]{8}\.eml$/);
    const raw = await fs.readFile(first, "utf8");
    expect(raw).toContain("To: ada@example.org");
    expect(raw).toContain("Subject: Eerste");
    expect(console.info).toHaveBeenCalledWith(`mail "Eerste" written to ${first}`);
    // Addresses are personal data: the server log names the file, never the recipient.
    expect(JSON.stringify(vi.mocked(console.info).mock.calls)).not.toContain("@example.org");
  });

  it("lives in the storage directory unless MAIL_OUTBOX_DIR moves it, whatever the working directory", async () => {
    delete process.env.MAIL_OUTBOX_DIR;
    process.env.STORAGE_DIR = path.join(dir, "storage");
    vi.spyOn(process, "cwd").mockReturnValue(path.join(dir, "elsewhere"));
    await sendMail({ to: "ada@example.org", subject: "Opslag", text: "Z" });
    const [message] = await readOutbox();
    expect(path.dirname(message!.file)).toBe(path.join(dir, "storage", "outbox"));
    expect(await readOutbox(path.join(dir, "storage", "outbox"))).toHaveLength(1);
  });

  it("reads another folder when given one", async () => {
    await sendMail({ to: "ada@example.org", subject: "X", text: "Y" });
    expect(await readOutbox(path.join(dir, "elsewhere"))).toEqual([]);
  });
});
