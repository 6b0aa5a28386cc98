import { readFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";

import bidiFactory from "bidi-js";
import type * as FontkitModule from "@pdf-lib/fontkit";
import type * as PdfLibModule from "pdf-lib";
import type { PDFDocument, PDFFont, PDFName, PDFPage, RGB } from "pdf-lib";
import QRCode from "qrcode";

import { artefactPath } from "~/config/artefacts.server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/domain/constants";
import { createTranslator, formatDate, type Translate } from "~/i18n";

import { fitText, wrapText, type FitBox } from "./text-fit";
import { moduleTitleFor, parseAccreditations, type VerifiedAccreditation } from "./verify.server";

/**
 * The certificate as a PDF: A4 landscape, real text in DejaVu Sans (shipped in ./fonts, copied
 * into the build by `npm run build`, embedded as a subset), in the learner's language, with the
 * verification URL as text and as a QR code.
 * The learner's name and the module title shrink and wrap to two lines so they always print
 * whole; right-to-left names are shaped by fontkit and put in visual order with the Unicode
 * bidi algorithm. Which names can print is decided at sign-up (`app/domain/printable-name.ts`).
 * Rendering is deterministic for the same input, so a cached file and a fresh one are the same.
 */

/** What a certificate PDF states; everything comes from the certificate's snapshot. */
export interface CertificatePdfInput {
  code: string;
  learnerName: string;
  /** JSON `{ nl?: string, en?: string }` as stored on the certificate. */
  moduleTitles: string;
  contentHash: string;
  completedAt: Date;
  issuedAt: Date;
  studyMinutes: number;
  /** JSON array of accreditation snapshots as stored on the certificate. */
  accreditations: string;
  expiresAt: Date | null;
}

/** Bump when the layout changes, so cached files of the old layout are not served. */
export const PDF_LAYOUT_VERSION = 5;

/** The organisation that issues every certificate, named on it as such. */
export const ISSUER = "SWAD — Sex Work Alliance for Destigmatisation";

/**
 * Who signs on behalf of the issuer (`CERTIFICATE_SIGNATORY_NAME` / `_ROLE`); null fields print
 * the defaults, so no person is named unless the deployment says who signs.
 */
export interface Signatory {
  name: string | null;
  role: string | null;
}

const DEFAULT_SIGNATORY_NAME = "SWAD";

type PdfLib = typeof PdfLibModule;
type Fontkit = typeof FontkitModule;

let libraries: Promise<{ pdfLib: PdfLib; fontkit: Fontkit }> | undefined;

/**
 * pdf-lib and fontkit, imported on the first certificate rather than at start-up: loading them
 * took about 1.2 s of CPU, more than everything else a server does before it is ready.
 */
function pdfLibraries() {
  libraries ??= Promise.all([import("pdf-lib"), import("@pdf-lib/fontkit")]).then(([pdfLib, fontkit]) => ({
    pdfLib,
    // A CommonJS module: its exports arrive as the default export.
    fontkit: (fontkit as unknown as { default: Fontkit }).default,
  }));
  return libraries;
}

/** A colour as pdf-lib's rgb() makes it, without loading pdf-lib for three constants. */
function colour(red: number, green: number, blue: number): RGB {
  return { type: "RGB", red: red / 255, green: green / 255, blue: blue / 255 } as unknown as RGB;
}

const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
const MARGIN = 48;
const PRIMARY = colour(0x5a, 0x2a, 0x82);
const TEXT = colour(0x1f, 0x1d, 0x24);
const MUTED = colour(0x55, 0x50, 0x5f);
const QR_SIZE = 132;
/** The signature block sits between the verification text (bottom left) and the QR code. */
const SIGNATURE_BOX = { left: 440, right: 841.89 - MARGIN - QR_SIZE - 24, line: 100 };

interface FontSet {
  regular: Uint8Array;
  bold: Uint8Array;
  /** The files parsed by fontkit, once: parsing 750 kB per document would dominate render time. */
  parsed: Map<Uint8Array, ReturnType<Fontkit["create"]>>;
}

let fonts: FontSet | undefined;

/** The font files, read and parsed once per process; each document embeds its own subset. */
function loadFonts(fontkit: Fontkit): FontSet {
  if (!fonts) {
    const dir = artefactPath("fonts");
    const regular = new Uint8Array(readFileSync(path.join(dir, "DejaVuSans.ttf")));
    const bold = new Uint8Array(readFileSync(path.join(dir, "DejaVuSans-Bold.ttf")));
    fonts = {
      regular,
      bold,
      parsed: new Map([
        [regular, fontkit.create(regular)],
        [bold, fontkit.create(bold)],
      ]),
    };
  }
  return fonts;
}

/**
 * fontkit keeps one glyph object per glyph id, with the characters it was first reached from, and
 * pdf-lib writes those characters into the PDF's ToUnicode map. Subsetting reaches glyphs as parts
 * of composite glyphs (the O inside Ö) without characters, so with fonts shared between documents
 * an "O" in one certificate would extract as garbage because of a name rendered before it. Each
 * document starts with an empty glyph cache; the parsed tables stay shared.
 */
function forgetGlyphs(set: FontSet) {
  for (const parsed of set.parsed.values()) (parsed as unknown as { _glyphs: Record<number, unknown> })._glyphs = {};
}

/** fontkit as pdf-lib calls it (`create(bytes)`), answering with the fonts parsed at start. */
function parsedOnce(fontkit: Fontkit): Fontkit {
  return {
    create: (data: Uint8Array) => loadFonts(fontkit).parsed.get(data) ?? fontkit.create(data),
  } as unknown as Fontkit;
}

export function verificationUrl(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, "")}/certificaat/${code}`;
}

/** Minutes and hours of study load, e.g. "90 minuten (1,5 uur)". */
export function studyLoadText(t: Translate, minutes: number): string {
  return t("certificates.studyLoadValue", { minutes, hours: Math.round((minutes / 60) * 100) / 100 });
}

export function pointsText(t: Translate, points: number): string {
  return t(points === 1 ? "certificates.pointsOne" : "certificates.points", { points });
}

/** "Kwaliteitsregister V&VN, accreditatienummer 123456, 2 punten" */
export function accreditationText(t: Translate, accreditation: VerifiedAccreditation): string {
  return t("certificates.accreditationValue", {
    register: accreditation.registerName,
    id: accreditation.accreditationId,
    points: pointsText(t, accreditation.points),
  });
}

interface Layout {
  page: PDFPage;
  regular: PDFFont;
  bold: PDFFont;
}

const bidi = bidiFactory();
const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;

/**
 * A line as runs in visual order, left to right. pdf-lib sets a string in the order fontkit lays
 * it out, and fontkit shapes a right-to-left script and reverses its glyphs itself, so a run of
 * Arabic is passed in logical order; the order of the runs, mirrored brackets, and a right-to-left
 * run without letters of such a script are arranged here.
 */
export function visualRuns(line: string): string[] {
  if (!RIGHT_TO_LEFT.test(line)) return [line];
  const embedding = bidi.getEmbeddingLevels(line, "auto");
  const order = Array.from({ length: line.length }, (_, index) => index);
  for (const segment of bidi.getReorderSegments(line, embedding)) {
    const [start, end] = segment as [number, number];
    order.splice(start, end - start + 1, ...order.slice(start, end + 1).reverse());
  }
  const runs: { level: number; first: number; last: number }[] = [];
  for (const index of order) {
    const level = embedding.levels[index]!;
    const run = runs.at(-1);
    if (run && run.level === level && (level % 2 ? index === run.first - 1 : index === run.last + 1)) {
      run.first = Math.min(run.first, index);
      run.last = Math.max(run.last, index);
    } else {
      runs.push({ level, first: index, last: index });
    }
  }
  return runs.map(({ level, first, last }) => {
    const text = line.slice(first, last + 1);
    if (level % 2 === 0) return text;
    // fontkit reverses the glyphs but does not mirror brackets: "(" must show as ")" right to left.
    const mirrored = Array.from(text, (character) => bidi.getMirroredCharacter(character) ?? character);
    return RIGHT_TO_LEFT.test(text) ? mirrored.join("") : mirrored.reverse().join("");
  });
}

/** Width of a line at size 1, as drawn run by run. */
function lineWidth(line: string, font: PDFFont): number {
  return visualRuns(line).reduce((width, run) => width + font.widthOfTextAtSize(run, 1), 0);
}

function drawCentred(layout: Layout, text: string, y: number, size: number, font: PDFFont, color = TEXT) {
  let x = (A4_LANDSCAPE[0] - lineWidth(text, font) * size) / 2;
  for (const run of visualRuns(text)) {
    layout.page.drawText(run, { x, y, size, font, color });
    x += font.widthOfTextAtSize(run, size);
  }
}

/** The name and the title: as large as fits, on one line if that is not much smaller, else two. */
const NAME_BOX: FitBox = {
  width: A4_LANDSCAPE[0] - 2 * MARGIN - 40,
  maxSize: 28,
  maxLines: 2,
  oneLineAtLeast: 22,
  breakWordsBelow: 14,
};
const TITLE_BOX: FitBox = {
  width: A4_LANDSCAPE[0] - 2 * MARGIN - 40,
  maxSize: 20,
  maxLines: 2,
  oneLineAtLeast: 16,
  breakWordsBelow: 11,
};

/** Draws a fitted text centred from baseline `y` down; answers the baseline of the last line. */
function drawFitted(layout: Layout, text: string, y: number, box: FitBox, font: PDFFont, lineSpacing: number) {
  const { lines, size } = fitText(text, (part) => lineWidth(part, font), box);
  lines.forEach((line, index) => drawCentred(layout, line, y - index * size * lineSpacing, size, font));
  return { last: y - (lines.length - 1) * size * lineSpacing, size };
}

const QR_MARGIN = 4;
const QR_SCALE = 4;

/**
 * The QR code (qrcode's module matrix) as an 8-bit greyscale image XObject, 4 px per module with
 * the standard 4-module quiet zone. Going through a PNG instead would mean encoding it only for
 * pdf-lib to decode it again, which took about half of a certificate's render time.
 */
function embedQrImage(doc: PDFDocument, page: PDFPage, url: string): PDFName {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: "M" });
  const side = (modules.size + 2 * QR_MARGIN) * QR_SCALE;
  const pixels = new Uint8Array(side * side).fill(255);
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (!modules.get(row, column)) continue;
      const top = (row + QR_MARGIN) * QR_SCALE;
      const left = (column + QR_MARGIN) * QR_SCALE;
      for (let y = top; y < top + QR_SCALE; y++) pixels.fill(0, y * side + left, y * side + left + QR_SCALE);
    }
  }
  const image = doc.context.stream(deflateSync(pixels), {
    Type: "XObject",
    Subtype: "Image",
    Width: side,
    Height: side,
    ColorSpace: "DeviceGray",
    BitsPerComponent: 8,
    Filter: "FlateDecode",
  });
  return page.node.newXObject("QR", doc.context.register(image));
}

const translators = new Map<Locale, Translate>();

function translatorFor(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    t = createTranslator(locale);
    translators.set(locale, t);
  }
  return t;
}

const DETAILS_TOP = 236;
/** Above the code and the verification URL at the bottom left. */
const DETAILS_BOTTOM = 96;

/**
 * Label/value rows (a value may wrap to two lines). Many accreditations would run into the
 * verification lines below, so then the rows are set smaller.
 */
function drawDetails(
  layout: Layout,
  details: [string, string][],
  area: { top: number; bottom: number; right: number },
) {
  const { page, regular } = layout;
  for (const [size, lineHeight, gap] of [
    [11, 15, 3],
    [9, 12, 2],
  ] as const) {
    const labelWidth = Math.max(...details.map(([label]) => regular.widthOfTextAtSize(`${label}:`, size)));
    const left = MARGIN + 12;
    const valueX = left + labelWidth + 8;
    const rows = details.map(([label, value]) => ({
      label,
      lines: wrapText(value, (part) => regular.widthOfTextAtSize(part, size), area.right - valueX).slice(0, 2),
    }));
    const needed = rows.reduce((total, row) => total + row.lines.length * lineHeight + gap, 0);
    if (needed > area.top - area.bottom + lineHeight && size !== 9) continue;
    let y = area.top;
    for (const row of rows) {
      page.drawText(`${row.label}:`, { x: left, y, size, font: regular, color: MUTED });
      for (const line of row.lines) {
        page.drawText(line, { x: valueX, y, size, font: regular, color: TEXT });
        y -= lineHeight;
      }
      y -= gap;
    }
    return;
  }
}

/**
 * Renders the certificate. `locale` is the learner's language; `origin` is the site's public
 * origin, from which the verification URL is built.
 */
export async function renderCertificatePdf(
  certificate: CertificatePdfInput,
  { locale, origin, signatory = { name: null, role: null } }: { locale: Locale; origin: string; signatory?: Signatory },
): Promise<Uint8Array> {
  const language = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const t = translatorFor(language);
  const url = verificationUrl(origin, certificate.code);
  const learnerName = certificate.learnerName.normalize("NFC");
  const moduleTitle = (moduleTitleFor(certificate.moduleTitles, language)?.title ?? "").normalize("NFC");
  const { pdfLib, fontkit } = await pdfLibraries();
  const { degrees, drawImage } = pdfLib;
  const font = loadFonts(fontkit);

  const doc = await pdfLib.PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(parsedOnce(fontkit));
  // A fixed subset tag instead of pdf-lib's random suffix keeps the output deterministic.
  const regular = await doc.embedFont(font.regular, { subset: true, customName: "SVCERT+DejaVuSans" });
  const bold = await doc.embedFont(font.bold, { subset: true, customName: "SVCERB+DejaVuSans-Bold" });
  // From here to doc.save() nothing awaits, so no other document's subsetting can interleave.
  forgetGlyphs(font);

  const title = t("certificates.pdf.title");
  doc.setTitle(`${title} – ${learnerName} – ${moduleTitle}`, { showInWindowTitleBar: true });
  doc.setSubject(t("certificates.pdf.subject", { module: moduleTitle }));
  doc.setLanguage(language === "nl" ? "nl-NL" : "en-GB");
  doc.setAuthor(ISSUER);
  doc.setCreator("Stigmavrij");
  doc.setProducer("Stigmavrij (pdf-lib)");
  doc.setKeywords([certificate.code]);
  doc.setCreationDate(certificate.issuedAt);
  doc.setModificationDate(certificate.issuedAt);

  const [width, height] = A4_LANDSCAPE;
  const page = doc.addPage(A4_LANDSCAPE);
  const layout: Layout = { page, regular, bold };

  page.drawRectangle({ x: 20, y: 20, width: width - 40, height: height - 40, borderColor: PRIMARY, borderWidth: 3 });
  page.drawRectangle({ x: 28, y: 28, width: width - 56, height: height - 56, borderColor: PRIMARY, borderWidth: 0.75 });
  page.drawText("Stigmavrij", { x: MARGIN, y: height - MARGIN - 16, size: 14, font: bold, color: PRIMARY });

  let y = height - 118;
  drawCentred(layout, title, y, 40, bold, PRIMARY);
  y -= 42;
  drawCentred(layout, t("certificates.pdf.certifies"), y, 14, regular, MUTED);
  y -= 40;
  const name = drawFitted(layout, learnerName, y, NAME_BOX, bold, 1.15);
  // As far below as a 28 pt line needed, or less for a smaller name, but clear of its descenders.
  y = name.last - Math.max(name.size + 4, 24);
  drawCentred(layout, t("certificates.pdf.completed"), y, 14, regular, MUTED);
  y -= 32;
  const moduleLines = drawFitted(layout, moduleTitle, y, TITLE_BOX, bold, 1.3);
  y = moduleLines.last - moduleLines.size * 1.3;

  const details: [string, string][] = [
    [t("certificates.completedOn"), formatDate(language, certificate.completedAt)],
    [t("certificates.studyLoad"), studyLoadText(t, certificate.studyMinutes)],
  ];
  if (certificate.expiresAt) details.push([t("certificates.validUntil"), formatDate(language, certificate.expiresAt)]);
  for (const accreditation of parseAccreditations(certificate.accreditations)) {
    details.push([t("certificates.accreditation"), accreditationText(t, accreditation)]);
  }

  // The content version stays in the verification data (public page, admin view): to a learner it
  // is a meaningless number, so the certificate leaves it out.
  details.push([t("certificates.issuedBy"), ISSUER]);
  drawDetails(layout, details, {
    top: Math.min(y - 12, DETAILS_TOP),
    bottom: DETAILS_BOTTOM,
    right: width - MARGIN - QR_SIZE - 24,
  });

  const qrX = width - MARGIN - QR_SIZE;
  const qrY = 84;
  const qr = embedQrImage(doc, page, url);
  page.pushOperators(
    ...drawImage(qr, {
      x: qrX,
      y: qrY,
      width: QR_SIZE,
      height: QR_SIZE,
      rotate: degrees(0),
      xSkew: degrees(0),
      ySkew: degrees(0),
    }),
  );

  page.drawText(`${t("certificates.code")}: ${certificate.code}`, {
    x: MARGIN + 12,
    y: 78,
    size: 11,
    font: bold,
    color: TEXT,
  });
  page.drawText(t("certificates.pdf.verify"), { x: MARGIN + 12, y: 62, size: 9, font: regular, color: MUTED });
  page.drawText(url, { x: MARGIN + 12, y: 48, size: 9, font: regular, color: TEXT });
  drawSignature(
    layout,
    signatory.name ?? DEFAULT_SIGNATORY_NAME,
    signatory.role ?? t("certificates.pdf.signatoryDefaultRole"),
  );

  return doc.save({ useObjectStreams: true });
}

/** A line to sign on, with the signatory's name and role under it, each shrunk to fit the box. */
function drawSignature({ page, regular, bold }: Layout, name: string, role: string) {
  const { left, right, line } = SIGNATURE_BOX;
  const width = right - left;
  page.drawLine({ start: { x: left, y: line }, end: { x: right, y: line }, thickness: 0.75, color: MUTED });
  const rows: [string, PDFFont, number, number, typeof TEXT][] = [
    [name, bold, 11, line - 15, TEXT],
    [role, regular, 9, line - 28, MUTED],
  ];
  for (const [text, font, size, y, color] of rows) {
    const fitted = Math.min(size, (size * width) / Math.max(font.widthOfTextAtSize(text, size), 1));
    page.drawText(text, { x: left, y, size: fitted, font, color });
  }
}
