/**
 * Where to send the browser back to (after signing in, after switching the language): a path of
 * this site only. The raw value is resolved against the site's own origin exactly as a browser
 * would resolve it — tabs and line breaks dropped, `\` read as `/` — and taken only when it stays
 * on that origin: `/\evil.example` and `/<TAB>/evil.example` are `//evil.example` to a browser.
 */
export function returnPath(raw: string | null | undefined, origin: string, fallback = '/'): string {
  if (!raw || !raw.startsWith('/')) return fallback;
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(origin).origin) return fallback;
  return url.pathname + url.search + url.hash;
}
