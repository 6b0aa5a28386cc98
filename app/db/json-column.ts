import type { z } from "zod";

/** A text column that holds JSON of one shape: read back through its schema, written as JSON text. */
interface JsonColumn<T> {
  /** The stored value, or the column's fallback when the text is missing, not JSON or not the shape. */
  parse(text: string | null | undefined): T;
  serialise(value: T): string;
}

/**
 * Rows written before a shape changed, or by hand, must not break a page: each column says what
 * a row that does not fit reads as (an empty list, no value, …).
 */
export function jsonColumn<S extends z.ZodTypeAny, F = z.output<S>>(
  schema: S,
  fallback: F,
): JsonColumn<z.output<S> | F> {
  return {
    parse(text) {
      if (text === null || text === undefined) return fallback;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return fallback;
      }
      const parsed = schema.safeParse(value);
      return parsed.success ? (parsed.data as z.output<S>) : fallback;
    },
    serialise: (value) => JSON.stringify(value),
  };
}
