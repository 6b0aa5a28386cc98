/**
 * SCORM 1.2 `adlcp:prerequisites` (CAM 1.2 2.3.2.5.1, type "aicc_script"): an item may be opened
 * only when the expression over other items' lesson statuses holds. The language is AICC's small
 * script: item identifiers, `&` (and), `|` (or), `~` (not), `=` / `<>` against a status, sets
 * `n*{a,b,c}` (at least n of them hold) and parentheses. An identifier on its own holds when that
 * item is passed or completed.
 *
 * Precedence, which the specification leaves to AICC's left-to-right reading: `~` binds tightest,
 * then `&`, then `|`; authors who mean otherwise write parentheses, as the specification's
 * examples do.
 */

export type LessonStatus = "passed" | "completed" | "failed" | "incomplete" | "browsed" | "not attempted";

export type Prerequisite =
  | { kind: "item"; id: string }
  | { kind: "status"; id: string; status: LessonStatus; equal: boolean }
  | { kind: "not"; operand: Prerequisite }
  | { kind: "and" | "or"; operands: Prerequisite[] }
  | { kind: "atLeast"; count: number; operands: Prerequisite[] };

const STATUS_NAMES: Record<string, LessonStatus> = {
  passed: "passed",
  p: "passed",
  completed: "completed",
  c: "completed",
  failed: "failed",
  f: "failed",
  incomplete: "incomplete",
  i: "incomplete",
  browsed: "browsed",
  b: "browsed",
  "not attempted": "not attempted",
  n: "not attempted",
};

type Token = { kind: "word"; text: string } | { kind: "op"; text: string };

const OPERATORS = ["<>", "&", "|", "~", "=", "(", ")", "{", "}", ",", "*"];

function tokenise(source: string): Token[] | null {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const char = source[at]!;
    if (/\s/.test(char)) {
      at += 1;
      continue;
    }
    const operator = OPERATORS.find((op) => source.startsWith(op, at));
    if (operator) {
      tokens.push({ kind: "op", text: operator });
      at += operator.length;
      continue;
    }
    if (char === '"') {
      const end = source.indexOf('"', at + 1);
      if (end < 0) return null;
      tokens.push({ kind: "word", text: source.slice(at + 1, end) });
      at = end + 1;
      continue;
    }
    let end = at;
    while (
      end < source.length &&
      !/\s/.test(source[end]!) &&
      !OPERATORS.some((op) => source.startsWith(op, end)) &&
      source[end] !== '"'
    )
      end += 1;
    tokens.push({ kind: "word", text: source.slice(at, end) });
    at = end;
  }
  return tokens;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Prerequisite | null {
    const expression = this.or();
    return expression && this.at === this.tokens.length ? expression : null;
  }

  private peek(text?: string): Token | undefined {
    const token = this.tokens[this.at];
    if (text === undefined) return token;
    return token?.kind === "op" && token.text === text ? token : undefined;
  }

  private take(text: string): boolean {
    if (!this.peek(text)) return false;
    this.at += 1;
    return true;
  }

  private or(): Prerequisite | null {
    return this.joined("|", "or", () => this.and());
  }

  private and(): Prerequisite | null {
    return this.joined("&", "and", () => this.unary());
  }

  private joined(operator: string, kind: "and" | "or", operand: () => Prerequisite | null): Prerequisite | null {
    const first = operand();
    if (!first) return null;
    const operands = [first];
    while (this.take(operator)) {
      const next = operand();
      if (!next) return null;
      operands.push(next);
    }
    return operands.length === 1 ? first : { kind, operands };
  }

  private unary(): Prerequisite | null {
    if (this.take("~")) {
      const operand = this.unary();
      return operand && { kind: "not", operand };
    }
    if (this.take("(")) {
      const inner = this.or();
      return inner && this.take(")") ? inner : null;
    }
    const token = this.peek();
    if (token?.kind !== "word") return null;
    this.at += 1;
    if (this.take("*")) return this.set(token.text);
    const equal = this.take("=");
    if (equal || this.take("<>")) {
      const value = this.statusWords();
      const status = value === null ? undefined : STATUS_NAMES[value.toLowerCase()];
      return status ? { kind: "status", id: token.text, status, equal } : null;
    }
    return { kind: "item", id: token.text };
  }

  /** A status may be two words ("not attempted") when it is not quoted. */
  private statusWords(): string | null {
    const words: string[] = [];
    while (this.peek()?.kind === "word") {
      words.push((this.tokens[this.at] as { text: string }).text);
      this.at += 1;
    }
    return words.length > 0 ? words.join(" ") : null;
  }

  private set(countText: string): Prerequisite | null {
    const count = /^\d+$/.test(countText) ? Number(countText) : NaN;
    if (!Number.isInteger(count) || !this.take("{")) return null;
    const operands: Prerequisite[] = [];
    do {
      const operand = this.or();
      if (!operand) return null;
      operands.push(operand);
    } while (this.take(","));
    return this.take("}") ? { kind: "atLeast", count, operands } : null;
  }
}

/** The parsed expression; null when the text is empty or not valid aicc_script. */
export function parsePrerequisites(source: string | null | undefined): Prerequisite | null {
  if (!source || source.trim() === "") return null;
  const tokens = tokenise(source);
  return tokens ? new Parser(tokens).parse() : null;
}

/** Every item identifier the expression refers to. */
export function referencedItems(expression: Prerequisite): string[] {
  switch (expression.kind) {
    case "item":
    case "status":
      return [expression.id];
    case "not":
      return referencedItems(expression.operand);
    default:
      return [...new Set(expression.operands.flatMap(referencedItems))];
  }
}

/** Whether the expression holds, given each referenced item's lesson status. */
export function prerequisitesMet(expression: Prerequisite, statusOf: (itemId: string) => LessonStatus): boolean {
  switch (expression.kind) {
    case "item": {
      const status = statusOf(expression.id);
      return status === "passed" || status === "completed";
    }
    case "status":
      return (statusOf(expression.id) === expression.status) === expression.equal;
    case "not":
      return !prerequisitesMet(expression.operand, statusOf);
    case "and":
      return expression.operands.every((operand) => prerequisitesMet(operand, statusOf));
    case "or":
      return expression.operands.some((operand) => prerequisitesMet(operand, statusOf));
    case "atLeast":
      return expression.operands.filter((operand) => prerequisitesMet(operand, statusOf)).length >= expression.count;
  }
}
