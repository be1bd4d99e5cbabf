// Words of the report's loyalty section (repeat purchase and churn per NPS group). Dutch: one
// more object with the same keys beside this one.

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
