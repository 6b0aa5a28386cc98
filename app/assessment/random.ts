/**
 * Seeded randomness for drawing questions and ordering options: an attempt stores its seed, so
 * the same draw and option order can be rebuilt on every request without storing them. Not for
 * anything security-related.
 */

/**
 * cyrb128 (bryc's public-domain string hash): mixes a string into four 32-bit words, enough state
 * to seed sfc32 with 128 bits.
 */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Outputs thrown away first: sfc32's author advises a few rounds so that similar seeds diverge. */
const WARM_UP_ROUNDS = 15;

/**
 * A deterministic generator of floats in [0, 1): sfc32 (Chris Doty-Humphrey's "small fast
 * counting" generator from PractRand, 128-bit state) seeded with the cyrb128 hash of `seed`.
 */
export function createRandom(seed: string): () => number {
  let [a, b, c, d] = cyrb128(seed);
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < WARM_UP_ROUNDS; i++) next();
  return next;
}

/** Fisher–Yates: a uniformly random permutation of `items` as a new array; `items` is untouched. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}
