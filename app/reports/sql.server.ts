/**
 * SQL fragments for instants in the learning tables. Prisma writes DateTime columns as ISO text
 * ("2026-03-01T09:00:00.000+00:00"); bulk loaders written against better-sqlite3 may write epoch
 * milliseconds. Both are read as a Julian day number, so every report query agrees on time.
 * Only column names (never user input) are interpolated.
 */

export function sqlJulianDay(column: string): string {
  return `(CASE WHEN typeof(${column}) IN ('integer', 'real') THEN ${column} / 86400000.0 + 2440587.5 ELSE julianday(${column}) END)`;
}

/**
 * True when the column holds Prisma's ISO text in UTC ("2026-03-01T09:00:00.000+00:00"). SQLite's
 * date functions cost microseconds per call, which adds up over hundreds of thousands of rows,
 * so that common case is handled with plain string operations.
 */
function isPrismaUtcText(column: string): string {
  return `(typeof(${column}) = 'text' AND length(${column}) = 29 AND substr(${column}, 24) = '+00:00')`;
}

/** The instant as Prisma's own ISO text, so derived DateTime columns read back like any other. */
export function sqlIsoInstant(column: string): string {
  return `(CASE WHEN ${isPrismaUtcText(column)} THEN ${column} ELSE strftime('%Y-%m-%dT%H:%M:%f+00:00', ${sqlJulianDay(column)}) END)`;
}

/**
 * The Europe/Amsterdam calendar month (yyyymm) of an instant, matching monthOf in month.ts.
 * A month starts at local midnight, which is 22:00 UTC the day before for April to October
 * (summer time) and 23:00 UTC otherwise: the EU clock changes fall on the last Sundays of March
 * and October, never within hours of a month's start. So an instant whose UTC+1 and UTC+2
 * readings fall in different months belongs to the later month exactly when that month starts
 * in summer time.
 */
export function sqlAmsterdamMonth(column: string): string {
  const day = sqlJulianDay(column);
  const plusOne = `strftime('%Y%m', ${day} + 1 / 24.0)`;
  const plusTwo = `strftime('%Y%m', ${day} + 2 / 24.0)`;
  const exact = `CAST(CASE WHEN ${plusOne} = ${plusTwo} OR CAST(substr(${plusTwo}, 5, 2) AS INTEGER) BETWEEN 4 AND 10 THEN ${plusTwo} ELSE ${plusOne} END AS INTEGER)`;
  // Before 22:00 UTC the Amsterdam date is the UTC date, so the month can be read off the text.
  const fast = `CAST(substr(${column}, 1, 4) || substr(${column}, 6, 2) AS INTEGER)`;
  return `(CASE WHEN ${isPrismaUtcText(column)} AND substr(${column}, 12, 2) < '22' THEN ${fast} ELSE ${exact} END)`;
}
