// Words of the terminal report's first screen (the journey at a glance). One catalogue per language
// with the same keys; `glanceLabels(lang)` picks one.
import type { Lang } from '../format.js';

export const GLANCE_LABELS = {
  title: 'The journey at a glance',
  noHeadline: '(no headline)',
  legend: 'Legend',
  legendN: 'sample size',
  legendCi: '95% interval',
  legendLowN: 'low n (below the config\'s low_n: a rough indication)',
  legendSuppressed: 'withheld (fewer than min_cell respondents)',
  legendMot: 'moment of truth',
  legendRank: 'friction rank (#1 = most friction; – = no data to rank)',
  detail: 'Detail',
} as const;

export const GLANCE_LABELS_NL: { [K in keyof typeof GLANCE_LABELS]: string } = {
  title: 'De klantreis in één oogopslag',
  noHeadline: '(geen kern-KPI)',
  legend: 'Legenda',
  legendN: 'steekproefgrootte',
  legendCi: '95%-betrouwbaarheidsinterval',
  legendLowN: 'lage n (onder low_n uit de configuratie: een ruwe indicatie)',
  legendSuppressed: 'waarde achtergehouden (minder dan min_cell respondenten)',
  legendMot: 'moment of truth',
  legendRank: 'frictierang (#1 = meeste frictie; – = geen data om te rangschikken)',
  detail: 'Details',
};

/** KPI names short enough for a 15-column stage column; others fall back to the full label, shortened. */
export const SHORT_KPI: Record<Lang, Record<string, string>> = {
  en: {
    nps: 'NPS', csat: 'CSAT', ces: 'CES', fcr: 'FCR', ttr_median_hours: 'TTR (median)', tickets: 'Tickets',
    sessions: 'Sessions', visitors: 'Visitors', impressions: 'Impressions', reach: 'Reach', pages_per_session: 'Pages/session',
    leads: 'Leads', downloads: 'Downloads', email_ctr: 'Email CTR', conversion_rate: 'Conversion', cart_abandonment_rate: 'Cart abandoned',
    orders: 'Orders', revenue: 'Revenue', aov: 'AOV', repeat_purchase_rate: 'Repeat purchase', churn_rate: 'Churn',
  },
  nl: {
    nps: 'NPS', csat: 'CSAT', ces: 'CES', fcr: 'FCR', ttr_median_hours: 'Oplostijd (med)', tickets: 'Tickets',
    sessions: 'Sessies', visitors: 'Bezoekers', impressions: 'Impressies', reach: 'Bereik', pages_per_session: "Pagina's/sessie",
    leads: 'Leads', downloads: 'Downloads', email_ctr: 'E-mail-CTR', conversion_rate: 'Conversie', cart_abandonment_rate: 'Verl. winkelw.',
    orders: 'Bestellingen', revenue: 'Omzet', aov: 'Gem. orderwaarde', repeat_purchase_rate: 'Herhaalaankoop', churn_rate: 'Churn',
  },
};

export function glanceLabels(lang: Lang = 'en'): { [K in keyof typeof GLANCE_LABELS]: string } {
  return lang === 'nl' ? GLANCE_LABELS_NL : GLANCE_LABELS;
}
