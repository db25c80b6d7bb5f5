/** Reading Hozen's numeric settings from the environment. */

/**
 * A whole number from the environment variable `name` (digits only), `fallback` when it is unset
 * or empty; a value out of [min, max] stops with a message naming the variable.
 */
export function envInt(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  return n;
}
