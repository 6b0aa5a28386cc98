/**
 * Reading a generated PDF the way a person or a scanner would: its text (pdfjs-dist, legacy
 * build for Node) and the QR codes in its images (jsqr). Used by vitest and Playwright alike.
 */
import jsQR from "jsqr";
import { getDocument, ImageKind, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { PDFDocumentProxy, PDFPageProxy } from "pdfjs-dist/types/src/display/api";

export interface PdfContents {
  /** All text, pages joined by a blank line, items on a page joined by a space. */
  text: string;
  /** The text items of the first page with where they are set, in points from the bottom left. */
  items: TextItem[];
  /** Decoded contents of every QR code found in the page images. */
  qrCodes: string[];
  pageCount: number;
  /** Page size in points of the first page (width, height). */
  pageSize: [number, number];
  title: string | null;
  language: string | null;
}

export interface TextItem {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface ImageData {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

async function open(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy.
  return getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    verbosity: 0,
  }).promise;
}

async function pageText(page: PDFPageProxy): Promise<{ text: string; items: TextItem[] }> {
  const content = await page.getTextContent();
  const items: TextItem[] = [];
  for (const item of content.items) {
    if (!("str" in item) || !item.str) continue;
    const [, , , , x, y] = item.transform as number[];
    items.push({ text: item.str, x: x!, y: y!, width: item.width, height: item.height });
  }
  return { text: items.map((item) => item.text).join(" "), items };
}

/** Pixels of any pdfjs image kind as RGBA, the input jsqr wants. */
function toRgba(image: ImageData): Uint8ClampedArray | null {
  const { width, height, kind, data } = image;
  if (!data) return null;
  const rgba = new Uint8ClampedArray(width * height * 4);
  if (kind === ImageKind.RGBA_32BPP) {
    rgba.set(data.subarray(0, rgba.length));
  } else if (kind === ImageKind.RGB_24BPP) {
    for (let pixel = 0; pixel < width * height; pixel++) {
      rgba[pixel * 4] = data[pixel * 3]!;
      rgba[pixel * 4 + 1] = data[pixel * 3 + 1]!;
      rgba[pixel * 4 + 2] = data[pixel * 3 + 2]!;
      rgba[pixel * 4 + 3] = 255;
    }
  } else if (kind === ImageKind.GRAYSCALE_1BPP) {
    const rowBytes = Math.ceil(width / 8);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const on = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
        const value = on ? 255 : 0;
        const pixel = (y * width + x) * 4;
        rgba[pixel] = rgba[pixel + 1] = rgba[pixel + 2] = value;
        rgba[pixel + 3] = 255;
      }
    }
  } else {
    return null;
  }
  return rgba;
}

/** pdfjs delivers decoded images asynchronously: wait for the object to be resolved. */
function imageObject(page: PDFPageProxy, id: string): Promise<ImageData> {
  const store = id.startsWith("g_") ? page.commonObjs : page.objs;
  return new Promise((resolve) => store.get(id, resolve));
}

async function pageQrCodes(page: PDFPageProxy): Promise<string[]> {
  const operators = await page.getOperatorList();
  const found: string[] = [];
  for (let index = 0; index < operators.fnArray.length; index++) {
    if (operators.fnArray[index] !== OPS.paintImageXObject) continue;
    const id = (operators.argsArray[index] as unknown[])[0];
    if (typeof id !== "string") continue;
    const image = await imageObject(page, id);
    const rgba = toRgba(image);
    if (!rgba) continue;
    const code = jsQR(rgba, image.width, image.height);
    if (code) found.push(code.data);
  }
  return found;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfContents> {
  const pdf = await open(bytes);
  try {
    const texts: string[] = [];
    let items: TextItem[] = [];
    const qrCodes: string[] = [];
    let pageSize: [number, number] = [0, 0];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      if (number === 1) {
        const [, , width, height] = page.view;
        pageSize = [width ?? 0, height ?? 0];
      }
      const content = await pageText(page);
      texts.push(content.text);
      if (number === 1) items = content.items;
      qrCodes.push(...(await pageQrCodes(page)));
    }
    const { info } = (await pdf.getMetadata()) as { info: { Title?: string; Language?: string } };
    return {
      text: texts.join("\n\n"),
      items,
      qrCodes,
      pageCount: pdf.numPages,
      pageSize,
      title: info.Title ?? null,
      language: info.Language ?? null,
    };
  } finally {
    await pdf.destroy();
  }
}

export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  return (await readPdf(bytes)).text;
}

/** The first QR code's contents, or null when the PDF has none that decodes. */
export async function decodePdfQrCode(bytes: Uint8Array): Promise<string | null> {
  return (await readPdf(bytes)).qrCodes[0] ?? null;
}
