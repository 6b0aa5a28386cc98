/**
 * Study durations as stored in ReportRollup.durations ("12,40,95") and their median, without
 * an array of strings or a full sort: the dashboard reads tens of thousands of them per request.
 */

/** "12,40,95" (ReportRollup.durations, possibly several joined) → integers, without an array of strings. */
export function parseDurations(text: string | null): Int32Array {
  if (!text) return new Int32Array(0);
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) count++;
  const values = new Int32Array(count);
  let index = 0;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 44) {
      values[index++] = value;
      value = 0;
    } else {
      value = value * 10 + (code - 48);
    }
  }
  values[index] = value;
  return values;
}

export function concatenate(parts: Int32Array[]): Int32Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const all = new Int32Array(length);
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}

/** The k-th smallest value (0-based), reordering `values` in place (quickselect). */
function kthSmallest(values: Int32Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1]!;
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else return values[k]!;
  }
  return values[k]!;
}

/** Median of a non-empty list; the mean of the two middle values for an even count. */
export function median(values: Int32Array): number {
  const middle = values.length >> 1;
  const upper = kthSmallest(values, middle);
  if (values.length % 2 === 1) return upper;
  // After the selection everything before `middle` is at most `upper`: the lower middle is their maximum.
  let lower = values[0]!;
  for (let i = 1; i < middle; i++) if (values[i]! > lower) lower = values[i]!;
  return (lower + upper) / 2;
}
