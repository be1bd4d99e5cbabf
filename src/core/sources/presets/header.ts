// Header tests the presets share. Its own module so that presets need not import the registry
// (`index.ts` imports every preset; a preset importing it back made an import circle).

/** Header names as users see them: trimmed, compared case-insensitively. */
export function hasColumns(header: readonly string[], names: readonly string[]): boolean {
  const present = new Set(header.map((h) => h.trim().toLowerCase()));
  return names.every((n) => present.has(n.toLowerCase()));
}
