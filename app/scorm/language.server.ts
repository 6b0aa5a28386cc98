/**
 * The language of an imported SCORM package, so its texts are marked up (lang) as what they are
 * and a Dutch package is never offered as English. The administrator can correct it before
 * publishing; this is the first guess.
 *
 * The text decides when there is enough of it: authoring tools often write their own default
 * (en-US) into the manifest and the launch page whatever language the course is in. Declared
 * languages (the launch page's <html lang>, LOM general/language, xml:lang of the metadata
 * strings) decide when the text is too short to tell; without either, Dutch, the platform's
 * default.
 */
import fs from "node:fs/promises";
import path from "node:path";

import { DOMParser, type Element, type Node } from "@xmldom/xmldom";
import { franc } from "franc-min";

import { DEFAULT_LOCALE, type Locale } from "~/domain/constants";

import type { ScormManifest } from "./package/manifest-types";
import { decodeXml, parseXml } from "./package/xml.server";

export type LanguageSource = "content" | "declared" | "default";

/** Shorter text than this is not trusted to tell Dutch from English. */
export const MIN_DETECTION_CHARS = 40;
/** Enough text to decide; reading more only costs time. */
const MAX_TEXT_CHARS = 5000;
/** Launch pages larger than this are read only in part. */
const MAX_LAUNCH_BYTES = 256 * 1024;

const FRANC_LOCALES: Record<string, Locale> = { nld: "nl", eng: "en" };

/** "nl-BE", "NL", "en_US" → a locale we offer; anything else → null. */
export function localeOfTag(tag: string): Locale | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return primary === "nl" ? "nl" : primary === "en" ? "en" : null;
}

export function decidePackageLanguage({ declared, text }: { declared: readonly string[]; text: string }): {
  locale: Locale;
  source: LanguageSource;
} {
  const sample = text.replace(/\s+/g, " ").trim().slice(0, MAX_TEXT_CHARS);
  if (sample.length >= MIN_DETECTION_CHARS) {
    const guess = FRANC_LOCALES[franc(sample, { only: Object.keys(FRANC_LOCALES), minLength: MIN_DETECTION_CHARS })];
    if (guess) return { locale: guess, source: "content" };
  }
  for (const tag of declared) {
    const locale = localeOfTag(tag);
    if (locale) return { locale, source: "declared" };
  }
  return { locale: DEFAULT_LOCALE, source: "default" };
}

/** Languages the manifest declares: LOM general/language first, then xml:lang of any element. */
export function manifestLanguages(manifestXml: string): string[] {
  const document = parseXml(manifestXml);
  const declared: string[] = [];
  const all = document.getElementsByTagNameNS("*", "*");
  for (let i = 0; i < all.length; i++) {
    const element = all.item(i)!;
    if (element.localName === "language" && element.parentNode?.localName === "general") {
      const value = element.textContent?.trim();
      if (value) declared.unshift(value);
    }
    const lang = element.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang");
    if (lang) declared.push(lang);
  }
  return [...new Set(declared)];
}

/** The launch page's declared language and its readable text (scripts and styles left out). */
export function launchPageLanguage(html: string): { declared: string | null; text: string } {
  let document: ReturnType<DOMParser["parseFromString"]>;
  try {
    document = new DOMParser({ onError: () => undefined }).parseFromString(html, "text/html");
  } catch {
    // A page the parser cannot build a document from (e.g. two root elements) still plays in a
    // browser; it only says nothing about the language, and the other clues decide.
    return { declared: null, text: "" };
  }
  const root = document.documentElement;
  const declared = root?.getAttribute("lang") || root?.getAttribute("xml:lang") || null;
  const words: string[] = [];
  const skipped = new Set(["script", "style", "noscript", "template"]);
  // Text nodes joined with spaces: textContent would glue "Titel" and "Tekst" of adjacent blocks.
  const walk = (node: Node) => {
    if (node.nodeType === node.TEXT_NODE) words.push(node.nodeValue ?? "");
    else if (node.nodeType === node.ELEMENT_NODE && skipped.has((node as Element).localName ?? "")) return;
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
  };
  if (root) walk(root);
  return { declared, text: words.join(" ").replace(/\s+/g, " ").trim() };
}

/** Reads what it needs from the unpacked package in `directory`. */
export async function detectPackageLanguage(
  directory: string,
  manifest: ScormManifest,
): Promise<{ locale: Locale; source: LanguageSource }> {
  const declared: string[] = [];
  const texts = [manifest.title, manifest.description ?? "", ...manifest.scos.map((sco) => sco.title)];
  const launch = manifest.scos.find((sco) => sco.launch.kind === "package")?.launch;
  if (launch?.kind === "package" && /\.x?html?$/i.test(launch.path)) {
    const page = await readStart(path.join(directory, launch.path), MAX_LAUNCH_BYTES);
    if (page) {
      const { declared: lang, text } = launchPageLanguage(page.toString("utf8"));
      if (lang) declared.push(lang);
      texts.push(text);
    }
  }
  const manifestBytes = await readStart(path.join(directory, "imsmanifest.xml"), Infinity);
  if (manifestBytes) {
    try {
      declared.push(...manifestLanguages(decodeXml(manifestBytes)));
    } catch {
      // The import has parsed this manifest already; a second reading that fails adds nothing.
    }
  }
  return decidePackageLanguage({ declared, text: texts.join(". ") });
}

async function readStart(file: string, limit: number): Promise<Buffer | null> {
  try {
    const handle = await fs.open(file, "r");
    try {
      const size = Math.min((await handle.stat()).size, limit);
      const buffer = Buffer.alloc(size);
      await handle.read(buffer, 0, size, 0);
      return buffer;
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}
