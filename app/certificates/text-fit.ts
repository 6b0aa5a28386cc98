/**
 * Fitting a text into a box of a given width and a few lines: shrink first, then wrap, and only
 * when a text cannot be set reasonably large at word boundaries, break inside words. The result
 * always fits: there is no smallest size at which the text would be cut off instead.
 *
 * Pure: the caller supplies `measure`, the width of a string at size 1 (for pdf-lib, a font's
 * `widthOfTextAtSize(text, 1)`; widths scale linearly with the size).
 */

export interface FitBox {
  /** Width available for every line, in the same unit as `measure` × size. */
  width: number;
  /** The size used when the text fits on one line at it. */
  maxSize: number;
  maxLines: number;
  /** A text that fits on one line at this size or more stays on one line instead of wrapping. */
  oneLineAtLeast: number;
  /** Below this size, lines may break inside words (names without spaces, very long words). */
  breakWordsBelow: number;
}

export interface FittedText {
  lines: string[];
  size: number;
}

/** A run of text that may end a line; `join` is what stands between it and the next one on the same line. */
interface Piece {
  text: string;
  width: number;
  join: string;
  joinWidth: number;
}

type Measure = (text: string) => number;

const HYPHENS = /(?<=[-\u2010])/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

function pieces(words: string[], split: (word: string) => string[], measure: Measure): Piece[] {
  const spaceWidth = measure(" ");
  const result: Piece[] = [];
  for (const [index, word] of words.entries()) {
    const parts = split(word).filter(Boolean);
    for (const [partIndex, part] of parts.entries()) {
      const endOfWord = partIndex === parts.length - 1;
      const last = endOfWord && index === words.length - 1;
      result.push({
        text: part,
        width: measure(part),
        join: last ? "" : endOfWord ? " " : "",
        joinWidth: endOfWord && !last ? spaceWidth : 0,
      });
    }
  }
  return result;
}

/** Greedy lines no wider than `limit`; a piece wider than the limit gets a line of its own. */
function greedy(all: Piece[], limit: number): Piece[][] {
  const lines: Piece[][] = [];
  let line: Piece[] = [];
  let width = 0;
  for (const piece of all) {
    const previous = line.at(-1);
    const widthWith = previous ? width + previous.joinWidth + piece.width : piece.width;
    if (previous && widthWith > limit) {
      lines.push(line);
      line = [piece];
      width = piece.width;
    } else {
      line.push(piece);
      width = widthWith;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

function lineText(line: Piece[]): string {
  return line.map((piece, index) => (index === line.length - 1 ? piece.text : piece.text + piece.join)).join("");
}

/**
 * The narrowest limit at which greedy wrapping needs at most `maxLines` lines, found by bisection:
 * lines of about equal length look better than a full line over a short one.
 */
function balancedLines(all: Piece[], maxLines: number): Piece[][] {
  const total = all.reduce((sum, piece) => sum + piece.width + piece.joinWidth, 0);
  let low = Math.max(...all.map((piece) => piece.width), total / maxLines) * 0.999;
  let high = total;
  if (greedy(all, low).length <= maxLines) high = low;
  for (let step = 0; step < 30 && high - low > total * 1e-4; step++) {
    const middle = (low + high) / 2;
    if (greedy(all, middle).length <= maxLines) high = middle;
    else low = middle;
  }
  return greedy(all, high);
}

function setAt(lines: string[], box: FitBox, measure: Measure): FittedText {
  // Pieces were measured apart; a whole line can differ slightly (kerning between pieces).
  const widest = Math.max(...lines.map(measure));
  return { lines, size: Math.min(box.maxSize, box.width / widest) };
}

/**
 * Greedy wrapping at spaces to `maxWidth` (in the unit of `measure`); a word wider than that gets
 * a line of its own. Each word is measured once: measuring every growing line was once the
 * largest cost of a certificate.
 */
export function wrapText(text: string, measure: Measure, maxWidth: number): string[] {
  const words = text.split(/\s+/u).filter(Boolean);
  return greedy(
    pieces(words, (word) => [word], measure),
    maxWidth,
  ).map(lineText);
}

export function fitText(text: string, measure: Measure, box: FitBox): FittedText {
  const words = text.split(/\s+/u).filter(Boolean);
  if (words.length === 0) return { lines: [], size: box.maxSize };
  const oneLine = words.join(" ");
  const single = setAt([oneLine], box, measure);
  if (single.size >= box.oneLineAtLeast) return single;

  const atWords = setAt(
    balancedLines(
      pieces(words, (word) => word.split(HYPHENS), measure),
      box.maxLines,
    ).map(lineText),
    box,
    measure,
  );
  if (atWords.lines.length <= box.maxLines && atWords.size >= box.breakWordsBelow) return atWords;

  const split = (word: string) => Array.from(graphemes.segment(word), (segment) => segment.segment);
  const anywhere = setAt(balancedLines(pieces(words, split, measure), box.maxLines).map(lineText), box, measure);
  return [single, atWords, anywhere]
    .filter((fit) => fit.lines.length <= box.maxLines)
    .reduce((best, fit) => (fit.size > best.size ? fit : best));
}
