import { PassThrough, Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";

import { describe, expect, it } from "vitest";

import { BodyTooLargeError, bodyLimitFor, bodyLimits, byteLimit, discardRemainder } from "./body-limit.js";

const MIB = 1024 * 1024;

async function countThrough(limit: number, chunks: Buffer[]) {
  let received = 0;
  await pipeline(
    Readable.from(chunks),
    byteLimit(limit),
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        callback();
      },
    }),
  );
  return received;
}

describe("byteLimit", () => {
  it("passes a body of exactly the limit through unchanged", async () => {
    expect(await countThrough(10, [Buffer.alloc(4), Buffer.alloc(6)])).toBe(10);
  });

  it("fails as soon as one byte more arrives, before the excess is passed on", async () => {
    let received = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        callback();
      },
    });
    const result = pipeline(Readable.from([Buffer.alloc(6), Buffer.alloc(5), Buffer.alloc(100)]), byteLimit(10), sink);
    await expect(result).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(received).toBe(6);
  });

  it("counts bytes, not characters", async () => {
    await expect(countThrough(3, [Buffer.from("éé")])).rejects.toMatchObject({ limit: 3 });
  });
});

describe("bodyLimitFor", () => {
  const limits = bodyLimits({ MAX_BODY_BYTES: String(2 * MIB), SCORM_MAX_UPLOAD_BYTES: String(50 * MIB) });

  it("gives forms the general cap", () => {
    expect(bodyLimitFor("/inloggen", limits)).toBe(2 * MIB);
    expect(bodyLimitFor("/beheer/scorm/elders", limits)).toBe(2 * MIB);
  });

  it("gives the SCORM upload paths the upload cap plus room for the multipart framing", () => {
    expect(bodyLimitFor("/beheer/scorm", limits)).toBe(51 * MIB);
    expect(bodyLimitFor("/beheer/scorm/upload", limits)).toBe(51 * MIB);
  });

  it("gives the SCORM commit endpoint its own cap, never above the general one", () => {
    expect(bodyLimitFor("/modules/zorg/speler/sco-1/opslaan", limits)).toBe(MIB);
    const small = bodyLimits({ MAX_BODY_BYTES: "1000" });
    expect(bodyLimitFor("/modules/zorg/speler/sco-1/opslaan", small)).toBe(1000);
  });

  it("falls back to 1 MiB and 500 MiB", () => {
    expect(bodyLimits({})).toEqual({ general: MIB, scormCommit: MIB, scormUpload: 501 * MIB });
  });
});

describe("discardRemainder", () => {
  it("reads and drops what is left, keeping nothing", async () => {
    const body = new PassThrough();
    body.pause();
    discardRemainder(body, 100);
    body.write(Buffer.alloc(60));
    body.end(Buffer.alloc(30));
    // "end" only comes when everything was read; a cut-off stream closes without it.
    await new Promise((resolve, reject) => {
      body.once("end", resolve);
      body.once("close", () => reject(new Error("closed before the end")));
    });
    expect(body.readableLength).toBe(0);
  });

  it("cuts the stream off once more than the allowance arrives", async () => {
    const body = new PassThrough();
    discardRemainder(body, 100);
    body.write(Buffer.alloc(60));
    body.write(Buffer.alloc(60));
    await new Promise((resolve) => body.once("close", resolve));
    expect(body.destroyed).toBe(true);
  });
});
