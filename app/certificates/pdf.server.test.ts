import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { readPdf } from "../../tests/e2e/support/pdf";

import { certificatePdf, type CachedPdfCertificate } from "./pdf-cache.server";
import { createPdfRenderPool } from "./pdf-pool.server";
import { renderCertificatePdf, verificationUrl, visualRuns, type Signatory } from "./pdf.server";

const ORIGIN = "https://stigmavrij.test";
const NOW = new Date("2025-06-01T10:00:00.000Z");

function certificate(overrides: Partial<CachedPdfCertificate> = {}): CachedPdfCertificate {
  return {
    code: "K7QM-2XPD-9HTR-WB4N",
    version: 1,
    learnerName: "Sanne de Vries-Özdemir",
    moduleTitles: JSON.stringify({ nl: "Sekswerk en stigma: de basis", en: "Sex work and stigma: the basics" }),
    contentHash: "606fa8bf66b76e4e4d3cb765fdcae29a2c46e39a0062ef1239d092c3caca00ac",
    completedAt: new Date("2025-03-14T10:00:00.000Z"),
    issuedAt: new Date("2025-03-14T10:00:00.000Z"),
    studyMinutes: 90,
    accreditations: JSON.stringify([
      { register: "vvn", accreditationId: "VVN-123456", points: 1.5 },
      { register: "skj", accreditationId: "SKJ-987", points: 1 },
    ]),
    expiresAt: new Date("2027-03-14T10:00:00.000Z"),
    revokedAt: null,
    ...overrides,
  };
}

/** pdfjs splits and spaces text items as it likes: compare with whitespace collapsed. */
function squash(text: string): string {
  return text.replace(/\s+/g, " ");
}

// The first rendering reads and parses the fonts, and pdf.js loads: seconds on a busy machine.
describe("renderCertificatePdf", { timeout: 30_000 }, () => {
  it("writes an A4 landscape PDF whose text states the certificate and whose QR code points to its verification page", async () => {
    const bytes = await renderCertificatePdf(certificate(), { locale: "nl", origin: ORIGIN });
    const pdf = await readPdf(bytes);
    const text = squash(pdf.text);
    const url = `${ORIGIN}/certificaat/K7QM-2XPD-9HTR-WB4N`;

    expect(pdf.pageCount).toBe(1);
    expect(pdf.pageSize[0]).toBeCloseTo(841.89, 1);
    expect(pdf.pageSize[1]).toBeCloseTo(595.28, 1);
    expect(text).toContain("Certificaat");
    expect(text).toContain("Sanne de Vries-Özdemir");
    expect(text).toContain("Sekswerk en stigma: de basis");
    expect(text).toContain("14 maart 2025");
    expect(text).toContain("90 minuten (1,5 uur)");
    // Issued by SWAD and signed on its behalf; without a configured signatory no person is named.
    expect(text).toContain("Uitgegeven door: SWAD — Sex Work Alliance for Destigmatisation");
    expect(text).toMatch(/SWAD Bestuur/);
    // The content version is for verifiers (public page, admin view), not for the learner's certificate.
    expect(text).not.toContain("606fa8bf");
    expect(text).not.toContain("Inhoudsversie");
    expect(text).toContain("Geldig tot: 14 maart 2027");
    expect(text).toContain("Kwaliteitsregister V&VN, accreditatienummer VVN-123456, 1,5 punten");
    expect(text).toContain("Stichting Kwaliteitsregister Jeugd (SKJ), accreditatienummer SKJ-987, 1 punt");
    expect(text).toContain("K7QM-2XPD-9HTR-WB4N");
    expect(text).toContain(url);
    expect(pdf.qrCodes).toEqual([url]);
    expect(pdf.title).toBe("Certificaat – Sanne de Vries-Özdemir – Sekswerk en stigma: de basis");
    expect(pdf.language).toBe("nl-NL");
  });

  it("speaks the learner's language, with the module title in it", async () => {
    const pdf = await readPdf(await renderCertificatePdf(certificate(), { locale: "en", origin: ORIGIN }));
    const text = squash(pdf.text);
    expect(text).toContain("Certificate");
    expect(text).toContain("Sex work and stigma: the basics");
    expect(text).toContain("14 March 2025");
    expect(text).toContain("90 minutes (1.5 hours)");
    expect(text).toContain("accreditation number SKJ-987, 1 point");
    expect(text).toContain("Issued by: SWAD — Sex Work Alliance for Destigmatisation");
    expect(text).toMatch(/SWAD Board/);
    expect(text).not.toContain("Content version");
    expect(text).not.toContain("606fa8bf");
    expect(text).not.toContain("Certificaat");
    expect(pdf.language).toBe("en-GB");
  });

  it("falls back to the Dutch title, and leaves out expiry and accreditation when there are none", async () => {
    const bytes = await renderCertificatePdf(
      certificate({ moduleTitles: JSON.stringify({ nl: "Alleen Nederlands" }), expiresAt: null, accreditations: "[]" }),
      { locale: "en", origin: ORIGIN },
    );
    const text = squash((await readPdf(bytes)).text);
    expect(text).toContain("Alleen Nederlands");
    expect(text).not.toContain("Valid until");
    expect(text).not.toContain("Accreditation");
  });

  it("prints the configured signatory's name and role under the signature line", async () => {
    const bytes = await renderCertificatePdf(certificate(), {
      locale: "nl",
      origin: ORIGIN,
      signatory: { name: "Marieke van den Berg", role: "Voorzitter SWAD" },
    });
    const text = squash((await readPdf(bytes)).text);
    expect(text).toContain("Marieke van den Berg Voorzitter SWAD");
    expect(text).not.toContain("Bestuur");
    expect(text).toContain("Uitgegeven door: SWAD — Sex Work Alliance for Destigmatisation");
  });

  it("keeps names in other scripts as text, including ones that need shaping", async () => {
    const greekCyrillic = await readPdf(
      await renderCertificatePdf(certificate({ learnerName: "Αλεξάνδρα Ковалёва" }), { locale: "nl", origin: ORIGIN }),
    );
    expect(greekCyrillic.text).toContain("Αλεξάνδρα Ковалёва");
    // Decomposed input (e + combining acute) is normalised before it is set.
    const decomposed = await readPdf(
      await renderCertificatePdf(certificate({ learnerName: "Rene\u0301e" }), { locale: "nl", origin: ORIGIN }),
    );
    expect(decomposed.text).toContain("Renée");
    const arabic = await readPdf(
      await renderCertificatePdf(certificate({ learnerName: "مريم الحسيني" }), { locale: "nl", origin: ORIGIN }),
    );
    expect(arabic.qrCodes).toHaveLength(1);
    expect(arabic.text).toContain("K7QM-2XPD-9HTR-WB4N");
  });

  describe("names and titles that do not fit on one line", () => {
    const PAGE_WIDTH = 841.89;
    /** Inside the inner frame, which is drawn 28 pt from the page edge. */
    const FRAME = 28;

    async function rendered(overrides: Partial<CachedPdfCertificate>, locale: "nl" | "en" = "nl") {
      return readPdf(await renderCertificatePdf(certificate(overrides), { locale, origin: ORIGIN }));
    }

    function expectInsideFrame(pdf: Awaited<ReturnType<typeof readPdf>>) {
      for (const item of pdf.items) {
        expect(item.x, item.text).toBeGreaterThanOrEqual(FRAME);
        expect(item.x + item.width, item.text).toBeLessThanOrEqual(PAGE_WIDTH - FRAME);
      }
    }

    /** pdfjs may split a line into items and lines into more items: compare without spaces. */
    const compact = (text: string) => text.replace(/\s+/g, "");

    it.each([
      ["the 72-character Dutch name", "Maria Johanna Wilhelmina van Oldenbarnevelt-Schimmelpenninck van der Oye"],
      ["a Greek name", "Αλεξάνδρα Παπαδοπούλου-Κωνσταντινίδου"],
      ["a Cyrillic name", "Анастасия Александровна Ковалёва-Преображенская"],
      ["a Turkish name", "Şükrü Öztürk-İğdırlıoğlu"],
      ["a Vietnamese name", "Nguyễn Thị Minh Khai Đặng Hữu Phước"],
      ["an Arabic name", "مريم بنت محمد الحسيني"],
      ["a 120-character name", `${"Wilhelmina ".repeat(10)}van Oranje-N`],
      ["120 letters without a space", "W".repeat(120)],
    ])("prints %s whole, inside the frame", async (_, name) => {
      const pdf = await rendered({ learnerName: name });
      expect(compact(pdf.text)).toContain(compact(name));
      expect(pdf.title).toContain(name);
      expectInsideFrame(pdf);
    });

    it("sets a name that needs it on two lines, and an Arabic name right to left, shaped", async () => {
      const dutch = await rendered({
        learnerName: "Maria Johanna Wilhelmina van Oldenbarnevelt-Schimmelpenninck van der Oye",
      });
      const nameLines = dutch.items.filter((item) => /Maria|Schimmelpenninck/.test(item.text));
      expect(new Set(nameLines.map((item) => Math.round(item.y))).size).toBe(2);

      // The first word of an Arabic name stands at the right; its letters are joined forms.
      const arabic = await rendered({ learnerName: "مريم الحسيني" });
      const words = arabic.items.filter((item) => /[\u0600-\u06FF]/u.test(item.text));
      const text = words.map((item) => item.text).join(" ");
      expect(text).toContain("مريم");
      expect(text).toContain("الحسيني");
      const [first] = words.filter((item) => item.text.includes("مريم"));
      const [second] = words.filter((item) => item.text.includes("الحسيني"));
      if (words.length > 1) expect(first!.x).toBeGreaterThan(second!.x);
      expectInsideFrame(arabic);
    });

    it("shrinks and wraps a long module title to two lines instead of dropping its end", async () => {
      // Four lines at the title's largest size: the end used to be dropped after the third.
      const title =
        "Sekswerk, stigma en de rol van banken, verzekeraars, pensioenfondsen en andere financiële dienstverleners bij het voorkomen van uitsluiting van sekswerkers, hun partners en hun gezinnen in Nederland, België en de rest van Europa";
      const pdf = await rendered({ moduleTitles: JSON.stringify({ nl: title }) });
      expect(compact(pdf.text)).toContain(compact(title));
      expectInsideFrame(pdf);
    });
  });

  it("orders a line with right-to-left text by the bidi algorithm, runs left to right as they are drawn", () => {
    // Each Arabic run stays in logical order (fontkit shapes and reverses it); brackets are mirrored.
    expect(visualRuns("Sanne de Vries")).toEqual(["Sanne de Vries"]);
    expect(visualRuns("Fatima مريم الحسيني")).toEqual(["Fatima ", "مريم الحسيني"]);
    expect(visualRuns("مريم الحسيني Fatima")).toEqual(["Fatima", "مريم الحسيني "]);
    expect(visualRuns("مريم (الحسيني) 2")).toEqual(["2", "مريم )الحسيني( "]);
  });

  it("renders the same bytes for the same certificate", async () => {
    const first = await renderCertificatePdf(certificate(), { locale: "nl", origin: ORIGIN });
    const second = await renderCertificatePdf(certificate(), { locale: "nl", origin: ORIGIN });
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });
});

describe("verification URL", () => {
  it("joins the origin and the code", () => {
    expect(verificationUrl("https://stigmavrij.nl/", "AAAA-BBBB-CCCC-DDDD")).toBe(
      "https://stigmavrij.nl/certificaat/AAAA-BBBB-CCCC-DDDD",
    );
  });
});

describe("createPdfRenderPool", () => {
  // Starting workers compiles the renderer in each: seconds on a busy machine.
  it(
    "renders in worker threads the same certificate the main thread would, several at once",
    { timeout: 120_000 },
    async () => {
      const pool = createPdfRenderPool(2);
      try {
        const codes = ["K7QM-2XPD-9HTR-WB4N", "A1B2-C3D4-E5F6-G7H8", "Z9Y8-X7W6-V5T4-S3R2"];
        const rendered = await Promise.all(
          codes.map((code) => pool.render(certificate({ code }), { locale: "en", origin: ORIGIN })),
        );
        for (const [index, bytes] of rendered.entries()) {
          const pdf = await readPdf(bytes);
          expect(squash(pdf.text)).toContain(codes[index]);
          expect(squash(pdf.text)).toContain("Sex work and stigma: the basics");
          expect(pdf.qrCodes).toEqual([`${ORIGIN}/certificaat/${codes[index]}`]);
        }
      } finally {
        await pool.close();
      }
    },
  );
});

describe("certificatePdf (cache)", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "stigmavrij-pdf-cache-"));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const options = (
    overrides: Partial<{ locale: "nl" | "en"; origin: string; now: Date; signatory: Signatory }> = {},
  ) => ({
    locale: "nl" as const,
    origin: ORIGIN,
    now: NOW,
    dir,
    ...overrides,
  });

  async function cachedFiles(code = "K7QM-2XPD-9HTR-WB4N") {
    return (await fs.readdir(path.join(dir, code)).catch(() => [])).sort();
  }

  it("stores the PDF on first request and serves that file afterwards without rendering again", async () => {
    const first = await certificatePdf(certificate(), options());
    expect(first).toMatchObject({ ok: true, fromCache: false });
    const files = await cachedFiles();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^v1-nl-[0-9a-f]{8}-l\d+\.pdf$/);

    // Mark the stored file: only a read of the cache can return the mark.
    const file = path.join(dir, "K7QM-2XPD-9HTR-WB4N", files[0]!);
    const marked = Buffer.concat([await fs.readFile(file), Buffer.from("%cached\n")]);
    await fs.writeFile(file, marked);

    const second = await certificatePdf(certificate(), options());
    expect(second).toMatchObject({ ok: true, fromCache: true });
    if (!first.ok || !second.ok) throw new Error("unreachable");
    expect(second.bytes.equals(marked)).toBe(true);
  });

  it("makes a new file for another language, origin, signatory or version, and drops older versions", async () => {
    await certificatePdf(certificate(), options());
    await certificatePdf(certificate(), options({ locale: "en" }));
    await certificatePdf(certificate(), options({ origin: "http://localhost:3000" }));
    const signed = await certificatePdf(certificate(), options({ signatory: { name: "A. de Vries", role: null } }));
    expect(signed).toMatchObject({ ok: true, fromCache: false });
    if (!signed.ok) throw new Error("unreachable");
    expect((await readPdf(signed.bytes)).text).toContain("A. de Vries");
    expect(await cachedFiles()).toHaveLength(4);

    const reissued = await certificatePdf(certificate({ version: 2, learnerName: "Sanne de Vries" }), options());
    expect(reissued).toMatchObject({ ok: true, fromCache: false });
    const files = await cachedFiles();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^v2-nl-/);
    if (!reissued.ok) throw new Error("unreachable");
    expect((await readPdf(reissued.bytes)).text).toContain("Sanne de Vries");
  });

  it("answers a request that holds the current file (If-None-Match) without reading or rendering", async () => {
    const first = await certificatePdf(certificate(), options());
    if (!first.ok) throw new Error("expected a PDF");
    expect(first.etag).toMatch(/^"K7QM-2XPD-9HTR-WB4N-v1-nl-[0-9a-f]{8}-l\d+"$/);

    // With the cache gone and a renderer that fails, only an answer from the key can succeed.
    await fs.rm(dir, { recursive: true, force: true });
    const render = () => Promise.reject(new Error("rendered"));
    for (const header of [first.etag, `W/${first.etag}`, `"other", ${first.etag}`, "*"]) {
      expect(await certificatePdf(certificate(), { ...options(), render, ifNoneMatch: header })).toEqual({
        ok: true,
        notModified: true,
        etag: first.etag,
      });
    }
    await expect(certificatePdf(certificate(), { ...options(), render, ifNoneMatch: '"other"' })).rejects.toThrow(
      "rendered",
    );
  });

  it("gives another ETag for another language, origin, signatory or version", async () => {
    const etags = new Set<string>();
    for (const [input, overrides] of [
      [certificate(), {}],
      [certificate(), { locale: "en" as const }],
      [certificate(), { origin: "http://localhost:3000" }],
      [certificate(), { signatory: { name: "A. de Vries", role: null } }],
      [certificate({ version: 2 }), {}],
    ] as const) {
      const pdf = await certificatePdf(input, options(overrides));
      if (!pdf.ok) throw new Error("expected a PDF");
      etags.add(pdf.etag);
      // A stale copy is sent in full again.
      const again = await certificatePdf(input, { ...options(overrides), ifNoneMatch: '"K7QM-2XPD-9HTR-WB4N-v0"' });
      expect(again).toMatchObject({ ok: true, fromCache: true, etag: pdf.etag });
    }
    expect(etags.size).toBe(5);
  });

  it("refuses a revoked certificate even to a request that holds its file", async () => {
    const first = await certificatePdf(certificate(), options());
    if (!first.ok) throw new Error("expected a PDF");
    const revoked = await certificatePdf(certificate({ revokedAt: new Date("2025-05-01T00:00:00Z") }), {
      ...options(),
      ifNoneMatch: first.etag,
    });
    expect(revoked).toEqual({ ok: false, error: "revoked" });
  });

  it("shares one rendering between simultaneous requests", async () => {
    const [a, b] = await Promise.all([
      certificatePdf(certificate(), options()),
      certificatePdf(certificate(), options()),
    ]);
    if (!a.ok || !b.ok) throw new Error("expected PDFs");
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(await cachedFiles()).toHaveLength(1);
  });

  it("refuses a revoked certificate and removes its cached files", async () => {
    await certificatePdf(certificate(), options());
    expect(await cachedFiles()).toHaveLength(1);
    const revoked = await certificatePdf(certificate({ revokedAt: new Date("2025-05-01T00:00:00Z") }), options());
    expect(revoked).toEqual({ ok: false, error: "revoked" });
    expect(await cachedFiles()).toEqual([]);
  });

  it("never uses something other than a canonical code as a folder name", async () => {
    await expect(certificatePdf(certificate({ code: "../../etc" }), options())).rejects.toThrow(
      /not a certificate code/,
    );
  });
});
