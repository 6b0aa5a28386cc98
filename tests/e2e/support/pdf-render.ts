/**
 * Rendering a PDF page to pixels in the test browser, with pdfjs-dist served from node_modules
 * through Playwright's request routing (no network, no native canvas): what a person opening the
 * certificate would see. The page is rendered on a blank origin of its own, so the app's CSP does
 * not apply to the test harness.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

import type { Page } from "@playwright/test";

const HARNESS = "http://pdf-render.test";
const PDFJS_BUILD = path.resolve("node_modules/pdfjs-dist/build");

export interface InkBand {
  /** Leftmost and rightmost dark pixel in the band, in points from the left page edge (null: none). */
  left: number | null;
  right: number | null;
}

export interface RenderedPage {
  png: Buffer;
  /** Page size in points. */
  width: number;
  height: number;
  /** Dark pixels in each requested band of the page, between the given heights in points from the bottom. */
  bands: InkBand[];
}

/**
 * Renders the first page at `scale` and measures where there is ink between each pair of heights.
 * `ignore` lists vertical strips (in points from the left) that are left out of the measurement,
 * such as the frame lines of a certificate.
 */
export async function renderPdfPage(
  page: Page,
  bytes: Uint8Array,
  {
    scale = 2,
    bands = [],
    ignore = [],
  }: { scale?: number; bands?: [bottom: number, top: number][]; ignore?: [from: number, to: number][] } = {},
): Promise<RenderedPage> {
  await page.route(`${HARNESS}/**`, async (route) => {
    const file = new URL(route.request().url()).pathname.slice(1);
    if (file === "" || file === "index.html") {
      await route.fulfill({
        contentType: "text/html",
        body: "<!doctype html><title>PDF</title><canvas id='page'></canvas>",
      });
    } else if (/^pdf(\.worker)?\.min\.mjs$/.test(file)) {
      await route.fulfill({ contentType: "text/javascript", body: await readFile(path.join(PDFJS_BUILD, file)) });
    } else {
      await route.fulfill({ status: 404 });
    }
  });
  await page.goto(`${HARNESS}/index.html`);
  const result = await page.evaluate(
    async ({ data, scale, bands, ignore }) => {
      const pdfjs = await import(/* webpackIgnore: true */ `${location.origin}/pdf.min.mjs`);
      pdfjs.GlobalWorkerOptions.workerSrc = `${location.origin}/pdf.worker.min.mjs`;
      const bytes = Uint8Array.from(atob(data), (character) => character.charCodeAt(0));
      const document = await pdfjs.getDocument({ data: bytes, isEvalSupported: false }).promise;
      const pdfPage = await document.getPage(1);
      const viewport = pdfPage.getViewport({ scale });
      const canvas = window.document.getElementById("page") as HTMLCanvasElement;
      canvas.width = Math.round(viewport.width);
      canvas.height = Math.round(viewport.height);
      const context = canvas.getContext("2d", { willReadFrequently: true })!;
      await pdfPage.render({ canvasContext: context, viewport, canvas }).promise;
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const [, , pageWidth, pageHeight] = pdfPage.view as number[];
      const ignored = (x: number) => ignore.some(([from, to]) => x / scale >= from && x / scale <= to);
      const measured = bands.map(([bottom, top]) => {
        let left: number | null = null;
        let right: number | null = null;
        const firstRow = Math.max(0, Math.floor((pageHeight! - top) * scale));
        const lastRow = Math.min(canvas.height - 1, Math.ceil((pageHeight! - bottom) * scale));
        for (let y = firstRow; y <= lastRow; y++) {
          for (let x = 0; x < canvas.width; x++) {
            const at = (y * canvas.width + x) * 4;
            const luminance = 0.2126 * pixels[at]! + 0.7152 * pixels[at + 1]! + 0.0722 * pixels[at + 2]!;
            if (luminance > 128 || ignored(x)) continue;
            left = left === null ? x / scale : Math.min(left, x / scale);
            right = right === null ? x / scale : Math.max(right, x / scale);
          }
        }
        return { left, right };
      });
      return { png: canvas.toDataURL("image/png"), width: pageWidth!, height: pageHeight!, bands: measured };
    },
    { data: Buffer.from(bytes).toString("base64"), scale, bands, ignore },
  );
  await page.unroute(`${HARNESS}/**`);
  return { ...result, png: Buffer.from(result.png.replace(/^data:image\/png;base64,/, ""), "base64") };
}
