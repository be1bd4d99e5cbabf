// Synthetic survey answers per agent for the integrity tests, aggregated the way the SQL does
// (per agent x stratum): honest agents share one score distribution per stratum; an inflating
// agent turns some answers into silent top scores.
import { mulberry32 } from '../../src/core/analysis/drivers-stats.js';
import type { IntegrityCell } from '../../src/core/analysis/integrity-stats.js';

interface Stratum {
  id: string;
  /** Score values and their probabilities for an honest answer. */
  scores: number[];
  probs: number[];
  min: number;
  max: number;
}

const STRATA: Stratum[] = [
  { id: 'support · nps', scores: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], probs: [0.03, 0.01, 0.02, 0.02, 0.03, 0.05, 0.06, 0.12, 0.2, 0.2, 0.26], min: 0, max: 10 },
  { id: 'delivery · csat', scores: [1, 2, 3, 4, 5], probs: [0.05, 0.07, 0.13, 0.4, 0.35], min: 1, max: 5 },
  { id: 'returns · csat', scores: [1, 2, 3, 4, 5], probs: [0.2, 0.15, 0.2, 0.25, 0.2], min: 1, max: 5 },
];

/** Comments are likelier on low scores, as in real surveys, and independent of the agent. */
const commentProbability = (x: number) => 0.6 - 0.35 * x;

export interface SimOptions {
  seed: number;
  agents?: number;
  /** Agent id to inflate, and the chance that one of its answers is replaced by a silent top score. */
  inflate?: { agent: string; rate: number };
}

export function simulateCells(options: SimOptions): IntegrityCell[] {
  const random = mulberry32(options.seed);
  const cells = new Map<string, IntegrityCell>();
  const agents = options.agents ?? 12;
  for (let a = 1; a <= agents; a++) {
    const agent = `A${String(a).padStart(2, '0')}`;
    const answers = 40 + Math.floor(random() * 260);
    // Agents work different mixes of touchpoints: the expectation must follow the mix.
    const mix = STRATA.map(() => 0.2 + random());
    const mixTotal = mix.reduce((s, m) => s + m, 0);
    for (let i = 0; i < answers; i++) {
      let u = random() * mixTotal;
      let s = 0;
      while (u > mix[s] && s < STRATA.length - 1) { u -= mix[s]; s++; }
      const stratum = STRATA[s];
      let score: number;
      let commented: boolean;
      if (options.inflate?.agent === agent && random() < options.inflate.rate) {
        score = stratum.max;
        commented = random() < 0.05;
      } else {
        let v = random();
        let k = 0;
        while (v > stratum.probs[k] && k < stratum.scores.length - 1) { v -= stratum.probs[k]; k++; }
        score = stratum.scores[k];
        commented = random() < commentProbability((score - stratum.min) / (stratum.max - stratum.min));
      }
      const x = (score - stratum.min) / (stratum.max - stratum.min);
      const key = `${agent}|${stratum.id}`;
      if (!cells.has(key)) cells.set(key, { group: agent, stratum: stratum.id, n: 0, top: 0, topSilent: 0, s1: 0, s2: 0, s3: 0, s4: 0 });
      const c = cells.get(key)!;
      const top = score === stratum.max;
      c.n++; c.top += top ? 1 : 0; c.topSilent += top && !commented ? 1 : 0;
      c.s1 += x; c.s2 += x ** 2; c.s3 += x ** 3; c.s4 += x ** 4;
    }
  }
  return [...cells.values()];
}
