// Building HTML from untrusted data: a tagged template that escapes every interpolated value unless
// it is already built HTML (`Html`), so a label like `<script>` always lands as text.

/** HTML that was built by `h` (or is a trusted constant): inserted as is. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text made inert for element content and quoted attributes alike. Control characters and bidi
 * overrides (which could make a label read as something else) become U+FFFD.
 */
export function esc(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}

type Part = Html | string | number | null | undefined | false | readonly Part[];

function partText(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map(partText).join('');
  return esc(String(part));
}

/** `h\`<td>${label}</td>\``: strings and numbers escaped, Html kept, arrays joined, null/false dropped. */
export function h(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0]!;
  parts.forEach((part, i) => {
    out += partText(part) + strings[i + 1]!;
  });
  return new Html(out);
}

/** A constant this module's callers wrote themselves (CSS, a glyph): never data. */
export const trusted = (text: string) => new Html(text);
