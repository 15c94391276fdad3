/**
 * Position keys on the client: only to show a moved card in its new place before the server
 * answers (the server draws the real key, see atelier.board.PositionKeys). Same alphabet, same
 * plain string order; this one takes the first free digit, no jitter.
 */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function digit(key: string, i: number): number {
  return i < key.length ? DIGITS.indexOf(key.charAt(i)) : 0;
}

/** A key strictly between `before` (null: the start) and `after` (null: the end). */
export function keyBetween(before: string | null, after: string | null): string {
  const a = before ?? '';
  let out = '';
  let tightLow = true;
  let tightHigh = after !== null;
  for (let i = 0; i < 200; i++) {
    const low = tightLow ? digit(a, i) : 0;
    const high = tightHigh ? digit(after as string, i) : DIGITS.length - 1;
    const stopLow = tightLow ? (i < a.length ? low + 1 : 1) : 1;
    const stopHigh = tightHigh ? high - 1 : DIGITS.length - 1;
    if (stopLow <= stopHigh) return out + DIGITS.charAt(Math.floor((stopLow + stopHigh) / 2));
    out += DIGITS.charAt(low);
    if (low < high) tightHigh = false;
  }
  return out + 'V';
}
