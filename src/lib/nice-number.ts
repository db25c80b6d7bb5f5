/** Round numbers for chart axes. */

/** The round step (1, 2, 5 × a power of ten) at or above `raw`. */
export function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/** A round axis top at or above `value` (about five steps): 272 → 300, 1,727 → 2,000. */
export function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const step = niceStep(value / 5);
  return Math.ceil(value / step - 1e-9) * step;
}
