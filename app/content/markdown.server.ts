import path from "node:path";

import MarkdownIt, { type Token } from "markdown-it";

import type { LineProblem } from "./types";

/**
 * Raw HTML stays off: lessons are authored in the open and must not be able to inject markup or
 * scripts. Rendering happens once per sync, so one shared instance is enough.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: true });

/** What a module directory holds, so links between content files can be checked and rewritten. */
export interface IndexedModule {
  slug: string;
  /** Every module file name (`module.md`, `module.en.md`). */
  moduleFiles: ReadonlySet<string>;
  /** Lesson file name (Dutch or translation) → lesson slug. */
  lessonFiles: ReadonlyMap<string, string>;
}

/** Module directory name (`01.basis`) → its contents. */
export type ContentIndex = ReadonlyMap<string, IndexedModule>;

/** Maps a path relative to a content file to the platform URL, or null when nothing is there. */
export type LinkResolver = (relativePath: string) => string | null;

/** Resolves links written inside the module directory `fromDir`. */
export function createLinkResolver(index: ContentIndex, fromDir: string): LinkResolver {
  return (relativePath) => {
    const target = path.posix.normalize(path.posix.join(fromDir, relativePath));
    const parts = target.split("/");
    if (parts.length !== 2) return null;
    const [dirName = "", fileName = ""] = parts;
    const module = index.get(dirName);
    if (!module) return null;
    if (module.moduleFiles.has(fileName)) return `/modules/${module.slug}`;
    const lesson = module.lessonFiles.get(fileName);
    return lesson === undefined ? null : `/modules/${module.slug}/${lesson}`;
  };
}

export interface RenderOptions {
  /** File line of the first line of `source`, so problems point into the original file. */
  startLine: number;
  resolveLink: LinkResolver;
  /**
   * Read out after every web link, which opens in a new window, so screen-reader users are not
   * surprised by it (WCAG 3.2.5); in the language of the file.
   */
  externalLinkHint?: string;
}

export interface RenderResult {
  html: string;
  problems: LineProblem[];
  /** Knowledge checks placed with a ```check block, in order, with their file lines. */
  checks: PlacedCheck[];
}

export interface PlacedCheck {
  id: string;
  line: number;
}

/** Where a knowledge check sits in rendered lesson HTML; the lesson page splits on it. */
export const CHECK_MARKER = /<!--check:([a-z0-9-]+)-->/g;

export function checkMarker(id: string): string {
  return `<!--check:${id}-->`;
}

const CHECK_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function renderMarkdown(source: string, options: RenderOptions): RenderResult {
  const tokens = md.parse(source, {});
  const problems: LineProblem[] = [];
  const checks: PlacedCheck[] = [];
  const headingIds = new Map<string, number>();
  let blockLine = options.startLine;

  tokens.forEach((token, index) => {
    // Table cells carry no line map; the enclosing row's map is the nearest one.
    if (token.map) blockLine = options.startLine + token.map[0];
    if (token.type === "fence" && token.info.trim() === "check") {
      placeCheck(token, blockLine, checks, problems);
      return;
    }
    if (token.type === "heading_open") {
      token.attrSet("id", uniqueId(headingText(tokens[index + 1]), headingIds));
    }
    if (token.type === "inline" && token.children) {
      token.children = rewriteInline(token.children, blockLine, options, problems);
    }
  });

  return { html: md.renderer.render(tokens, md.options, {}), problems, checks };
}

/**
 * A ```check block becomes a marker comment. Raw HTML parsing stays off; the renderer prints an
 * html_block token's content as it is, and only this code writes one.
 */
function placeCheck(token: Token, line: number, checks: PlacedCheck[], problems: LineProblem[]): void {
  const id = token.content.trim();
  token.type = "html_block";
  token.content = "";
  if (!CHECK_ID.test(id)) {
    problems.push({
      line,
      message: "a check block must hold exactly one check id (lowercase letters, digits and hyphens)",
    });
    return;
  }
  token.content = `${checkMarker(id)}\n`;
  checks.push({ id, line });
}

/** The plain text of one line of Markdown (`Wat is *sekswerk*?` → `Wat is sekswerk?`), for titles. */
export function inlineText(markdown: string): string {
  const [inline] = md.parseInline(markdown, {});
  return headingText(inline).trim();
}

/** Lowercase ASCII words joined by hyphens, so `#kop` anchors can be typed by hand. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function headingText(inline: Token | undefined): string {
  const children = inline?.children ?? [];
  return children
    .filter((child) => child.type === "text" || child.type === "code_inline")
    .map((child) => child.content)
    .join("");
}

function uniqueId(text: string, seen: Map<string, number>): string {
  const base = slugify(text) || "section";
  const count = seen.get(base) ?? 0;
  seen.set(base, count + 1);
  return count === 0 ? base : `${base}-${count}`;
}

function rewriteInline(children: Token[], firstLine: number, options: RenderOptions, problems: LineProblem[]): Token[] {
  const kept: Token[] = [];
  let line = firstLine;
  let droppingLink = false;
  // Links cannot nest, so one flag says whether the open link is a web link.
  let inExternalLink = false;
  for (const child of children) {
    if (child.type === "softbreak" || child.type === "hardbreak") line++;
    if (child.type === "link_close" && droppingLink) {
      droppingLink = false;
      continue;
    }
    if (child.type === "link_open" && isLinkifiedFileName(child)) {
      droppingLink = true;
      continue;
    }
    if (child.type === "link_open") inExternalLink = rewriteLink(child, line, options.resolveLink, problems);
    if (child.type === "link_close" && inExternalLink) {
      inExternalLink = false;
      if (options.externalLinkHint) kept.push(newWindowHint(child, options.externalLinkHint));
    }
    if (child.type === "image") checkImage(child, line, problems);
    kept.push(child);
  }
  return kept;
}

/**
 * Raw HTML parsing stays off; the renderer prints an html_inline token's content as it is, and
 * only this code writes one, with escaped text.
 */
function newWindowHint(like: Token, hint: string): Token {
  const TokenClass = like.constructor as new (type: string, tag: string, nesting: -1 | 0 | 1) => Token;
  const token = new TokenClass("html_inline", "", 0);
  token.content = `<span class="visually-hidden"> ${md.utils.escapeHtml(hint)}</span>`;
  return token;
}

/**
 * `.md` is also Moldova's top-level domain, so linkify turns a file name written in running text
 * into `http://01.les.md`. Such names are meant as text.
 */
function isLinkifiedFileName(token: Token): boolean {
  return token.markup === "linkify" && /^http:\/\/[^/]+\.md$/i.test(token.attrGet("href") ?? "");
}

type LinkKind = "anchor" | "external" | "other-scheme" | "site" | "relative";

function linkKind(href: string): LinkKind {
  if (href.startsWith("#")) return "anchor";
  if (/^(https?:)?\/\//i.test(href)) return "external";
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return "other-scheme";
  if (href.startsWith("/")) return "site";
  return "relative";
}

/** Rewrites a link in place; true when it is a web link (which opens in a new window). */
function rewriteLink(token: Token, line: number, resolve: LinkResolver, problems: LineProblem[]): boolean {
  const href = token.attrGet("href") ?? "";
  const kind = linkKind(href);
  if (kind === "external") {
    const problem = webLinkProblem(href);
    if (problem) problems.push({ line, message: problem });
    token.attrSet("target", "_blank");
    token.attrSet("rel", "noopener noreferrer");
    return true;
  }
  if (kind === "other-scheme") {
    const problem = otherSchemeProblem(href);
    if (problem) problems.push({ line, message: problem });
    return false;
  }
  if (kind !== "relative") return false;

  const hashAt = href.indexOf("#");
  const filePart = hashAt === -1 ? href : href.slice(0, hashAt);
  const anchor = hashAt === -1 ? "" : href.slice(hashAt);
  const url = resolve(safeDecode(filePart));
  if (url === null) {
    problems.push({ line, message: `broken link "${safeDecode(href)}": no such lesson or module file` });
    return false;
  }
  token.attrSet("href", url + anchor);
  return false;
}

/** Web links must be absolute https:// addresses with a host name that has a dot. */
function webLinkProblem(href: string): string | null {
  const shown = safeDecode(href);
  if (!/^https:\/\//i.test(href)) return `web link "${shown}" must start with https://`;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return `web link "${shown}" is not a well-formed address`;
  }
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname)) return `web link "${shown}" has no valid host name`;
  return null;
}

/** Besides web links, only e-mail addresses and phone numbers can be linked. */
function otherSchemeProblem(href: string): string | null {
  const shown = safeDecode(href);
  if (/^mailto:/i.test(href)) {
    return /^mailto:[^@\s/]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(shown)
      ? null
      : `e-mail link "${shown}" is not a valid address`;
  }
  if (/^tel:/i.test(href))
    return /^tel:\+?[0-9-]{3,20}$/.test(shown) ? null : `phone link "${shown}" is not a valid number`;
  return `link "${shown}": only https://, mailto: and tel: links or links to course files are allowed`;
}

/** Course files cannot serve images, so a relative image would always be broken on the site. */
function checkImage(token: Token, line: number, problems: LineProblem[]): void {
  const src = token.attrGet("src") ?? "";
  if (linkKind(src) === "relative") {
    problems.push({ line, message: `image "${safeDecode(src)}" must be an https:// address` });
  }
}

/** markdown-it percent-encodes hrefs; file names are compared in their written form. */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
