// Words of the report's loyalty section (repeat purchase and churn per NPS group). One catalogue
// per language with the same keys; `loyaltyLabels(lang)` picks one.
import type { Lang } from '../format.js';

export const LOYALTY_LABELS = {
  loyalty: 'Loyalty beside satisfaction',
  npsGroup: 'NPS group',
  respondents: 'Respondents',
  unlinked: 'Not linked',
  groupPromoter: 'Promoters (9-10)',
  groupPassive: 'Passives (7-8)',
  groupDetractor: 'Detractors (0-6)',
  groupAll: 'All respondents',
  loyaltyRespondents: 'customers with an NPS answer in the period (latest answer decides the group)',
  loyaltyHomeStage: 'relationship answers only (NPS in the loyalty stage)',
  loyaltyUnlinked: 'not linked to any order',
  loyaltyAnonymous: 'answers without a customer key',
  loyaltyNote: 'Repeat purchase and churn as in the KPI catalogue (paid orders), over each group\'s customers',
  churnAsOf: 'churn as of',
  difference: 'Promoters − detractors',
  points: 'points',
  significant: 'significant',
  notSignificant: 'not significant',
  notTested: 'not tested',
  loyaltyTestNote: 'two-sided two-proportion z tests, Benjamini-Hochberg adjusted across these comparisons',
  satisfiedNotReturning: 'Satisfied but bought once',
  satisfiedNote: 'Of the customers whose every CSAT answer in the period (survey or ticket) is 4-5 and who have a paid order, the share with exactly one paid order',
  satisfiedCustomers: 'satisfied customers',
} as const;

export const LOYALTY_LABELS_NL: { [K in keyof typeof LOYALTY_LABELS]: string } = {
  loyalty: 'Loyaliteit naast tevredenheid',
  npsGroup: 'NPS-groep',
  respondents: 'Respondenten',
  unlinked: 'Niet gekoppeld',
  groupPromoter: 'Promotors (9-10)',
  groupPassive: 'Passieve klanten (7-8)',
  groupDetractor: 'Criticasters (0-6)',
  groupAll: 'Alle respondenten',
  loyaltyRespondents: 'klanten met een NPS-antwoord in de periode (het laatste antwoord bepaalt de groep)',
  loyaltyHomeStage: 'alleen relatie-antwoorden (NPS in de loyaliteitsfase)',
  loyaltyUnlinked: 'niet gekoppeld aan een bestelling',
  loyaltyAnonymous: 'antwoorden zonder klantsleutel',
  loyaltyNote: 'Herhaalaankopen en churn zoals in de KPI-catalogus (betaalde bestellingen), over de klanten van elke groep',
  churnAsOf: 'churn per',
  difference: 'Promotors − criticasters',
  points: 'punten',
  significant: 'significant',
  notSignificant: 'niet significant',
  notTested: 'niet getoetst',
  loyaltyTestNote: 'tweezijdige z-toetsen voor twee proporties, Benjamini-Hochberg-gecorrigeerd over deze vergelijkingen',
  satisfiedNotReturning: 'Tevreden maar één keer gekocht',
  satisfiedNote: 'Van de klanten van wie elk CSAT-antwoord in de periode (enquête of ticket) 4-5 is en die een betaalde bestelling hebben, het aandeel met precies één betaalde bestelling',
  satisfiedCustomers: 'tevreden klanten',
};

export function loyaltyLabels(lang: Lang = 'en'): { [K in keyof typeof LOYALTY_LABELS]: string } {
  return lang === 'nl' ? LOYALTY_LABELS_NL : LOYALTY_LABELS;
}
