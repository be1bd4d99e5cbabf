// Words of `journey paths`. One catalogue per language with the same keys; `pathsLabels(lang)`
// picks one.
import type { Lang } from '../format.js';

export const PATHS_LABELS = {
  title: 'Paths',
  person: 'per person (stitched across kinds)',
  session: 'per web session',
  units: 'units with a touchpoint in the period',
  purchasers: 'with a purchase',
  path: 'Path',
  unitsHead: 'Units',
  share: 'Share',
  purchased: 'Purchased',
  more: '…',
  around: 'Around',
  occurrences: 'passes',
  next: 'Next',
  previous: 'Before',
  count: 'Count',
  ends: 'Where paths without a purchase end',
  start: '(start)',
  end: '(end)',
  order: '(paid order)',
  method: 'A path is the touchpoints a unit met in the period in time order, repeats in a row counted once; a purchase is a paid order or a web purchase event.',
  sql: 'SQL',
} as const;

export type PathsLabels = { [K in keyof typeof PATHS_LABELS]: string };

export const PATHS_LABELS_NL: PathsLabels = {
  title: 'Paden',
  person: 'per persoon (gekoppeld over soorten data)',
  session: 'per websessie',
  units: 'eenheden met een touchpoint in de periode',
  purchasers: 'met een aankoop',
  path: 'Pad',
  unitsHead: 'Eenheden',
  share: 'Aandeel',
  purchased: 'Gekocht',
  more: '…',
  around: 'Rond',
  occurrences: 'passages',
  next: 'Daarna',
  previous: 'Daarvoor',
  count: 'Aantal',
  ends: 'Waar paden zonder aankoop eindigen',
  start: '(begin)',
  end: '(einde)',
  order: '(betaalde bestelling)',
  method: 'Een pad is de touchpoints die een eenheid in de periode tegenkwam, op tijdsvolgorde, herhalingen direct na elkaar één keer geteld; een aankoop is een betaalde bestelling of een aankoopgebeurtenis op de website.',
  sql: 'SQL',
};

export const pathsLabels = (lang: Lang): PathsLabels => (lang === 'nl' ? PATHS_LABELS_NL : PATHS_LABELS);
