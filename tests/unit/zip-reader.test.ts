import { describe, expect, it } from "vitest";
import { ZipFile } from "yazl";

import { readZipEntries } from "../setup/zip";

function zipOf(entries: [string, string, boolean][]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, text, compress] of entries) zip.addBuffer(Buffer.from(text), name, { compress });
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}

describe("readZipEntries", () => {
  it("reads stored and deflated entries in archive order", async () => {
    const zip = await zipOf([
      ["b/stored.txt", "plain", false],
      ["a/deflated.txt", "squeezed ".repeat(100), true],
    ]);
    const entries = await readZipEntries(zip);
    expect([...entries.keys()]).toEqual(["b/stored.txt", "a/deflated.txt"]);
    expect(entries.get("b/stored.txt")?.toString()).toBe("plain");
    expect(entries.get("a/deflated.txt")?.toString()).toBe("squeezed ".repeat(100));
  });

  it("refuses what is not a ZIP", async () => {
    await expect(readZipEntries(Buffer.from("not a zip at all, just some text"))).rejects.toThrow();
  });
});
