import yauzl, { type Entry, type ZipFile } from "yauzl";

/**
 * Every entry of a ZIP held in memory, in archive order, with its data inflated; yauzl checks the
 * headers and each entry's declared size. For tests that look inside the archives the app writes.
 */
export function readZipEntries(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, archive: ZipFile | undefined) => {
      if (error || !archive) return reject(error ?? new Error("not a ZIP file"));
      const entries = new Map<string, Buffer>();
      archive.on("entry", (entry: Entry) => {
        archive.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error(`cannot read ${entry.fileName}`));
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("error", reject);
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            archive.readEntry();
          });
        });
      });
      archive.on("end", () => resolve(entries));
      archive.on("error", reject);
      archive.readEntry();
    });
  });
}
