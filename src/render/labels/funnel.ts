// Words of `journey funnel`. One catalogue per language with the same keys; `funnelLabels(lang)`
// picks one.
import type { Lang } from '../format.js';

export const FUNNEL_LABELS = {
  title: 'Funnel',
  person: 'per person (stitched across kinds)',
  session: 'per web session',
  ordered: 'steps in order',
  any: 'steps in any order',
  units: 'units did step 1 in the period',
  step: 'Step',
  entered: 'Entered',
  converted: 'Converted',
  conversion: 'Conversion',
  overall: 'Of step 1',
  dropOff: 'Drop-off',
  medianNext: 'Median to next',
  pending: 'pending',
  within: 'within',
  absent: 'no',
  hours: 'h',
  days: 'd',
  dataEnd: 'Data end',
  pendingNote: 'pending: the window had not closed by the end of the data; neither entered nor converted',
  segment: 'By segment',
  reference: 'reference',
  difference: 'Δ vs reference',
  pAdjusted: 'p (BH)',
  significant: 'significant',
  method: 'Per step, conversion = converted / entered with a Wilson 95% interval; a unit is followed from each of its step-1 events in the period and counted by its deepest chain.',
  sql: 'SQL',
} as const;

export type FunnelLabels = { [K in keyof typeof FUNNEL_LABELS]: string };

export const FUNNEL_LABELS_NL: FunnelLabels = {
  title: 'Trechter',
  person: 'per persoon (gekoppeld over soorten data)',
  session: 'per websessie',
  ordered: 'stappen op volgorde',
  any: 'stappen in willekeurige volgorde',
  units: 'eenheden deden stap 1 in de periode',
  step: 'Stap',
  entered: 'Ingestroomd',
  converted: 'Geconverteerd',
  conversion: 'Conversie',
  overall: 'Van stap 1',
  dropOff: 'Uitval',
  medianNext: 'Mediaan tot volgende',
  pending: 'lopend',
  within: 'binnen',
  absent: 'geen',
  hours: 'u',
  days: 'd',
  dataEnd: 'Einde data',
  pendingNote: 'lopend: het venster was aan het einde van de data nog niet gesloten; niet ingestroomd en niet geconverteerd',
  segment: 'Per segment',
  reference: 'referentie',
  difference: 'Δ t.o.v. referentie',
  pAdjusted: 'p (BH)',
  significant: 'significant',
  method: 'Per stap: conversie = geconverteerd / ingestroomd met een Wilson-95%-interval; elke eenheid wordt gevolgd vanaf elk van haar stap-1-gebeurtenissen in de periode en telt met haar diepste keten.',
  sql: 'SQL',
};

export const funnelLabels = (lang: Lang): FunnelLabels => (lang === 'nl' ? FUNNEL_LABELS_NL : FUNNEL_LABELS);
