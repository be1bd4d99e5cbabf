// Names of the journey's own things in each language: the catalogue's KPI labels and the standard
// stage names. A config label the user wrote stays as written; a KPI or stage that still carries
// its English default name is shown in the language asked for. A third language is one more map.
import type { Lang } from '../format.js';

/** Dutch KPI labels by catalogue id (vocabulary and formats: docs/languages.md). */
const KPI_LABELS_NL: Record<string, string> = {
  nps: 'Net Promoter Score (NPS)',
  csat: 'Klanttevredenheid (CSAT, top-2-box)',
  ces: 'Customer Effort Score (CES, gemiddelde 1-7)',
  fcr: 'Opgelost bij eerste contact (FCR)',
  ttr_median_hours: 'Resolutietijd, mediaan',
  ttr_p90_hours: 'Resolutietijd, 90e percentiel',
  first_response_median_hours: 'Eerste reactietijd, mediaan',
  tickets: 'Tickets',
  sessions: 'Sessies',
  visitors: 'Bezoekers',
  impressions: 'Impressies',
  reach: 'Bereik',
  social_engagement: 'Social media engagement',
  pages_per_session: "Pagina's per sessie",
  leads: 'Leads',
  downloads: 'Downloads',
  email_ctr: 'E-mail click-through rate (CTR)',
  conversion_rate: 'Conversieratio',
  cart_abandonment_rate: 'Verlaten winkelwagens',
  orders: 'Bestellingen (betaald)',
  revenue: 'Omzet',
  aov: 'Gemiddelde orderwaarde (AOV)',
  repeat_purchase_rate: 'Herhaalaankopen',
  churn_rate: 'Churn rate (klantverloop)',
  traffic_sessions: 'Sessies (verkeerstotalen)',
  traffic_visitors: 'Bezoekers (som per rij, niet uniek)',
  traffic_pageviews: 'Paginaweergaven (verkeerstotalen)',
  traffic_pages_per_session: "Pagina's per sessie (verkeerstotalen)",
  traffic_engagement_rate: 'Engagement rate (verkeerstotalen)',
  traffic_conversion_rate: 'Conversieratio (verkeerstotalen)',
};

/** The standard stages: English default name, Dutch name. */
const STAGES: Record<string, { en: string; nl: string }> = {
  awareness: { en: 'Awareness', nl: 'Bewustwording' },
  consideration: { en: 'Consideration', nl: 'Overweging' },
  purchase: { en: 'Purchase', nl: 'Aankoop' },
  service: { en: 'Service', nl: 'Service' },
  loyalty: { en: 'Loyalty', nl: 'Loyaliteit' },
};

/** A stage id's name in the language: the standard stages by name, any other stage by its id. */
export function stageNameOf(id: string, lang: Lang = 'en'): string {
  return STAGES[id]?.[lang] ?? id;
}

/** A KPI's label in the language; the report's label (the catalogue's English) otherwise. */
export function kpiLabel(kpi: { id: string; label: string }, lang: Lang = 'en'): string {
  return lang === 'nl' ? (KPI_LABELS_NL[kpi.id] ?? kpi.label) : kpi.label;
}

/** A stage's label in the language, when the config kept the standard English name. */
export function stageLabel(stage: { id: string; label: string }, lang: Lang = 'en'): string {
  const known = STAGES[stage.id];
  if (lang === 'en' || !known) return stage.label;
  return stage.label.trim().toLowerCase() === known.en.toLowerCase() ? known[lang] : stage.label;
}
