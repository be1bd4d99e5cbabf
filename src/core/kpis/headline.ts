// Which KPIs belong to a stage: its headline, shown on the map, on the terminal's first screen and
// (without --all-kpis) in the stage sections of the human formats. The config may override it per
// stage (`stages: [{id: service, headline: [csat, fcr]}]`); docs/journey-map.md.
import { CATALOGUE } from './catalogue.js';

/**
 * The KPIs a stage is judged by, after the practice in docs/journey-map.md; a stage id not listed
 * here gets the catalogue KPIs whose home stage it is.
 */
export const DEFAULT_HEADLINE: Readonly<Record<string, readonly string[]>> = {
  awareness: ['reach', 'impressions', 'sessions'],
  consideration: ['pages_per_session', 'leads', 'downloads', 'email_ctr'],
  purchase: ['conversion_rate', 'cart_abandonment_rate', 'aov'],
  service: ['csat', 'ces', 'fcr', 'ttr_median_hours'],
  loyalty: ['nps', 'repeat_purchase_rate', 'churn_rate'],
};

/**
 * How customers rate a touchpoint: these belong to every touchpoint that has them, whatever its
 * stage (the experience curve draws CSAT and CES per touchpoint across the journey).
 */
export const EXPERIENCE_KPIS: readonly string[] = ['csat', 'ces', 'nps'];

/** The stage's headline KPI ids: the config's `headline:` when given, else the default for its id. */
export function stageHeadline(stage: { id: string; headline?: readonly string[] }): string[] {
  if (stage.headline?.length) return [...stage.headline];
  return [...(DEFAULT_HEADLINE[stage.id] ?? CATALOGUE.filter((k) => k.stage === stage.id).map((k) => k.id))];
}
