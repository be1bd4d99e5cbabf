// Registry of canonical kinds: a new kind is one module plus one line here.
import { campaign } from './campaign.js';
import { order } from './order.js';
import { survey } from './survey.js';
import { ticket } from './ticket.js';
import { traffic } from './traffic.js';
import type { Kind, KindSpec } from './types.js';
import { web } from './web.js';

export const KIND_SPECS: Record<Kind, KindSpec> = { survey, ticket, order, web, campaign, traffic };
export { KINDS, type Kind, type KindSpec, type ColumnSpec } from './types.js';

/** Header names compare case-insensitively, with spaces and dashes read as underscores. */
export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Canonical column a header names, if any. */
export function canonicalColumn(spec: KindSpec, header: string): string | undefined {
  const n = normaliseName(header);
  return spec.columns.find((c) => c.name === n || c.aliases?.includes(n))?.name;
}

/**
 * Which kind a header belongs to: the kind whose required columns are all present, preferring the
 * one that explains most of the header. Undefined when none fits.
 */
export function detectKind(headers: string[]): Kind | undefined {
  let best: { kind: Kind; score: number } | undefined;
  for (const spec of Object.values(KIND_SPECS)) {
    const present = new Set(headers.map((h) => canonicalColumn(spec, h)).filter(Boolean));
    const required = spec.columns.filter((c) => c.required);
    if (!required.every((c) => present.has(c.name))) continue;
    if (spec.detectAnyOf && !spec.detectAnyOf.some((name) => present.has(name))) continue;
    const score = present.size;
    if (!best || score > best.score) best = { kind: spec.kind, score };
  }
  return best?.kind;
}
