// The KPI catalogue's definitions in the reader's language (the map's "data and method" section,
// `journey kpis --lang nl`):
// core keeps the English one (src/core/kpis/catalogue.ts, `journey kpis`, JSON); a language gives
// its own per KPI id. Column names and SQL fragments stay as they are: they are what `journey sql` runs.
import type { Lang } from '../format.js';

export const KPI_DEFINITIONS_NL: Record<string, string> = {
  nps: '100 x (aantal nps>=9 - aantal nps<=6) / aantal nps',
  csat: '100 x aantal(csat>=4) / aantal csat, csat uit enquêtes en tickets (1-5)',
  ces: 'gemiddelde van ces (1-7, hoger = makkelijker)',
  fcr: '100 x opgeloste tickets met replies<=1 en reopens=0 (leeg telt als 0) / opgeloste tickets',
  ttr_median_hours: 'mediaan (lineaire interpolatie) van solved_at - created_at in uren (verschil in epoch), opgeloste tickets',
  ttr_p90_hours: '90e percentiel (lineaire interpolatie) van solved_at - created_at in uren, opgeloste tickets',
  first_response_median_hours: 'mediaan (lineaire interpolatie) van first_response_at - created_at in uren',
  tickets: 'aantal tickets',
  sessions: 'aantal verschillende session_id',
  visitors: 'aantal verschillende user_id',
  impressions: 'sum(impressions) over campagnerijen',
  reach: 'sum(reach) over campagnerijen',
  social_engagement: "sum(engagements) over campagnerijen met channel = 'social'",
  pages_per_session: "count(event = 'page_view') / sessies",
  leads: "count(event in ('generate_lead', 'sign_up'))",
  downloads: "count(event = 'file_download')",
  email_ctr: "100 x sum(clicks) / sum(delivered), channel = 'email'",
  conversion_rate: '100 x sessies met een purchase-event / sessies',
  cart_abandonment_rate: '100 x sessies met add_to_cart en geen purchase / sessies met add_to_cart',
  orders: 'aantal bestellingen met status paid',
  revenue: 'sum(amount) van betaalde bestellingen',
  aov: 'omzet / bestellingen (betaalde bestellingen)',
  repeat_purchase_rate: '100 x klanten met >=2 betaalde bestellingen / klanten met >=1 betaalde bestelling, in de periode',
  churn_rate: 'per T (de dag na --until, anders de laatste betaalde bestelling): basis = klanten met een betaalde bestelling in [T-2N, T-N); '
    + 'verloren = basisklanten zonder betaalde bestelling in [T-N, T]; 100 x verloren / basis; N = churn_days',
  traffic_sessions: 'som van sessions over de verkeersrijen van één uitsplitsing (de meest samengevatte met data)',
  traffic_visitors: 'som van visitors over de verkeersrijen van één uitsplitsing; een bezoeker op meerdere dagen of rijen telt per rij, '
    + 'dus over meer dan één rij is dit meer dan het aantal unieke bezoekers',
  traffic_pageviews: 'som van pageviews over de verkeersrijen van één uitsplitsing',
  traffic_pages_per_session: 'sum(pageviews) / sum(sessions) over de verkeersrijen van één uitsplitsing die beide hebben',
  traffic_engagement_rate: '100 x sum(engaged_sessions) / sum(sessions) over de verkeersrijen van één uitsplitsing die beide hebben',
  traffic_conversion_rate: '100 x sum(converted_sessions) / sum(sessions) over de verkeersrijen van één uitsplitsing die beide hebben',
};

/** A KPI's definition in `lang`; the catalogue's English where the language has none. */
export function kpiDefinition(kpi: { id: string; definition: string }, lang: Lang = 'en'): string {
  const own = lang === 'nl' ? KPI_DEFINITIONS_NL[kpi.id] : undefined;
  if (own === undefined) return kpi.definition;
  // The config's churn window, which the catalogue writes into its definition.
  const days = /churn_days \((\d+)\)/.exec(kpi.definition);
  return days ? `${own} (${days[1]})` : own;
}

/** The words around `journey kpis`'s list and table. */
export const KPIS_LABELS = { interval: 'interval', stage: 'stage', unit: 'unit', definition: 'definition', ci: '95% interval' } as const;
export const KPIS_LABELS_NL: { [K in keyof typeof KPIS_LABELS]: string } = {
  interval: 'interval', stage: 'fase', unit: 'eenheid', definition: 'definitie', ci: '95%-interval',
};

export function kpisLabels(lang: Lang = 'en'): { [K in keyof typeof KPIS_LABELS]: string } {
  return lang === 'nl' ? KPIS_LABELS_NL : KPIS_LABELS;
}
