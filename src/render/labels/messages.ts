// Core's sentences (warnings, reject reasons, how a file was recognised) in the reader's language:
// core writes English from the templates in src/core/messages.ts; `wordMessage` finds the template
// and its slot values again and fills this file's template for the language. A sentence no template
// knows stays as core wrote it. A third language is one more catalogue here (docs/languages.md).
import { type MessageCode, parseMessage } from '../../core/messages.js';
import { formatNumber, type Lang } from '../format.js';

export const MESSAGES_NL: Record<MessageCode, string> = {
  quarantined: '{path}: {rejected} van {records} rijen in quarantaine (zie journey validate)',
  unmatched: '{kind}: {unmatched} van {rows} rijen horen bij geen touchpoint (dekking {coverage}%)',
  headerOnly: '{path}: alleen een kopregel, 0 gegevensrijen',
  notRecognised: '{path}: overgeslagen: geen herkende export (de kopregel past bij geen preset en geen soort). Om het te lezen: zet het onder sources: met kind: en columns: (docs/config.md), of noem het alleen om te zien wat er ontbreekt',
  queryEmpty: '{path}: de query gaf 0 rijen',
  keySkipped: '{path}: overgeslagen; dit is de pseudonimiseringssleutel, die nooit als gegevens wordt gelezen',
  keyCreated: 'nieuwe pseudonimiseringssleutel gemaakt in {path} (houd hem privé; dezelfde sleutel koppelt klanten over runs heen)',
  storeOtherKey: 'de store is gebouwd met een andere pseudonimiseringssleutel dan {path}: de klantsleutels passen niet bij deze sleutel',
  inputRejected: '{path}: {rejected} van {records} records konden niet in invoer "{name}" worden gelezen (zie journey validate)',
  inputUnused: '{path}: heet "{name}" maar geen query van een afgeleide bron leest het; geef het kind: om het als bron te lezen',
  identityShared: 'identiteit: {shared} kenmerk(en) met meer dan {max} klant-id\'s (gedeelde apparaten of adressen) koppelen niets; verhoog identity.max_customer_ids om dat toe te staan',
  personalData: '{path}: kolom {column} bevat persoonsgegevens ({count} verschillende waarde(n): {kinds}); getoond als <email>, <phone number> of <IBAN> in elke uitvoer',
  rowsSkipped: '{path}: {count} rij(en) overgeslagen: {reason}',
  repeatedHeaders: '{path}: {count} herhaalde kopregel(s) weggelaten (regel {lines}); zijn twee exports aan elkaar geplakt?',
  cutOff: '{path}: het laatste record is afgebroken (een veld tussen aanhalingstekens wordt voor het einde van het bestand niet gesloten); het wordt afgewezen, de rest wordt gelezen',
  nulBytes: '{path}: {count} NUL-byte(s) verwijderd',
  multipleTables: '{path}: deze download bevat meer dan één tabel; alleen de eerste wordt gelezen, de {count} regel(s) vanaf het volgende "#"-blok worden overgeslagen (download elk rapport apart)',
  columnReadAs: '{path}: kolom "{column}" gelezen als {format}, besloten op basis van alle {count} waarden',
  twoDigitYears: '{path}: kolom "{column}" heeft jaartallen van twee cijfers in {count} waarde(n); besloten op basis van alle waarden: 00-68 wordt gelezen als 2000-2068 en 69-99 als 1969-1999. Klopt dat niet, exporteer de kolom dan met jaartallen van vier cijfers.',
  twoDigitYearsFound: '{path}: kolom "{column}" heeft jaartallen van twee cijfers in {count} waarde(n); besloten op basis van alle waarden: 00-68 wordt gelezen als 2000-2068 en 69-99 als 1969-1999 (gevonden jaren: {years}). Klopt dat niet, exporteer de kolom dan met jaartallen van vier cijfers.',
  ambiguousColumn: '{path}: kolom "{column}" is dubbelzinnig (elke waarde is ook te lezen als {others}); gelezen als {format}. Klopt dat niet, exporteer de kolom dan als ISO-datums (JJJJ-MM-DD) of met een decimale punt.',
  orderLines: '{path}: {rows} bestelregels hebben {ids} verschillende bestelnummers: de regels van elk van {repeated} herhaalde nummer(s) (orderregels) zijn samengevoegd tot één bestelling met de bedragen opgeteld ({merged} regel(s) samengevoegd); de eerste regel geeft de andere kolommen',
  repeatedIds: '{path}: {count} rij(en) herhalen de {column} van een eerdere rij ({repeated} id(\'s) herhaald); de eerste rij van elk blijft, de andere worden overgeslagen',
  refunds: '{path}: {count} bestelling(en) met een negatief totaal (creditnota\'s of annuleringen, samen {total}) tellen als terugbetaald, niet als betaalde bestellingen of omzet',
  noScores: '{path}: geen NPS-, CSAT- of CES-antwoorden gevonden, dus er is geen enquête-KPI uit te meten. Koppel een vraag in journey.yaml, bijv. columns: { survey: { csat: "<vraag>" } }, en zet woordantwoorden om met values: { survey: { csat: { Zeer tevreden: 5, ... } } } (docs/config.md)',
  noScoresColumns: '{path}: geen NPS-, CSAT- of CES-antwoorden gevonden, dus er is geen enquête-KPI uit te meten; de andere kolommen zijn {columns}. Koppel een vraag in journey.yaml, bijv. columns: { survey: { csat: "<vraag>" } }, en zet woordantwoorden om met values: { survey: { csat: { Zeer tevreden: 5, ... } } } (docs/config.md)',
  noAdditive: '{path}: geen sessies, gebruikers of paginaweergaven die op te tellen zijn, dus er is geen verkeers-KPI uit te meten (in een rapport per eventnaam staat één gebruiker of sessie op veel rijen, dus worden gebruikers en sessies niet opgeteld); exporteer een rapport per datum, kanaal, bron of pagina voor verkeerstotalen',
  droppedValues: '{path}: {count} {column}-waarde(n) zijn geen score op de {column}-schaal en blijven leeg (de rijen blijven): {values}; zet ze onder values: { {column}: { ... } } (docs/config.md)',
  frictionNoData: 'frictie heeft enquête-, ticket- of webdata nodig; er is niets daarvan geladen',
  frictionNoMapped: 'geen rij hoort bij een touchpoint, dus er is niets te rangschikken (voeg touchpoints met match-regels toe aan de configuratie)',
  compareOneValue: 'segment {segment} heeft één waarde ({value}) in de periode: er is niets om mee te vergelijken',
  compareNoInitiativeData: 'touchpoint {touchpoint} heeft in geen van beide periodes data',
  themesNoTerms: 'geen themawoorden: de configuratie zet themes.bundled op false en definieert zelf geen thema\'s',
  themesNoData: 'geen enquête- of ticketdata: er zijn geen opmerkingen om te lezen',
  themesNoComments: 'geen enquêteopmerkingen of ticketonderwerpen in de periode',
  driversNegative: '{id}: hogere scores gaan samen met een lagere NPS als de andere voorspellers gelijk blijven (negatieve coëfficiënt); lees het gewicht met zorg',
  afterNoIdentity: 'geen identity:-sectie in de configuratie: tickets en antwoorden tellen alleen mee als hun klantsleutel gelijk is aan die van de bestelling (docs/identity.md)',
  pathsNoIdentity: 'geen identity:-sectie in de configuratie: een persoon is één klantsleutel, en webbezoeken tellen alleen mee als ze een customer_id dragen (docs/identity.md)',
  integrityNoValues: 'geen gescoord antwoord heeft een waarde in {by}',
  integrityUnassigned: '{count} gescoorde antwoorden hebben geen {by} en worden niet beoordeeld',
  integrityNoComments: 'de enquêterijen hebben geen opmerkingen, dus topscores zonder opmerking worden niet beoordeeld',
  integrityOneGroup: 'maar één {by} in de data: er is geen andere groep om mee te vergelijken',
  funnelKindMissing: 'trechter {funnel}, stap {step}: geen van zijn soorten ({kinds}) is geladen; niemand kan hem bereiken',
  requiredEmpty: 'verplichte waarde is leeg',
  notDateTime: '{shown} is geen datum-tijd (gebruik ISO 8601, bijv. 2025-03-01 14:30:00)',
  notDateTimeIn: '{shown} is geen datum-tijd in de notatie van deze kolom, {format}',
  notDate: '{shown} is geen datum (gebruik JJJJ-MM-DD)',
  notDateIn: '{shown} is geen datum in de notatie van deze kolom, {format}',
  yearBefore: '{shown} leest als een jaar voor {year} (een jaartal van twee cijfers?); schrijf het jaar met vier cijfers',
  notWhole: '{shown} is geen geheel getal van {lo} tot en met {hi}',
  notNonNegative: '{shown} is geen niet-negatief getal',
  notNonNegativeIn: '{shown} is geen niet-negatief getal in de notatie van deze kolom, {format}',
  notNumber: '{shown} is geen getal (gebruik een decimale punt, bijv. 129.95)',
  notNumberIn: '{shown} is geen getal in de notatie van deze kolom, {format}',
  notAllowed: '{column} "{value}" is niet een van {allowed}; zet het onder values:',
  longNumber: 'een lang getal (niet getoond: het kan een telefoonnummer zijn)',
  textValue: 'een tekstwaarde ({length} tekens)',
  convertedMoreThan: 'converted_sessions (sessies met een conversie) is meer dan sessions',
  before: '{later} ligt voor {earlier}',
  moreThan: '{part} is meer dan {whole}',
  repeatedHeader: 'herhaalde kopregel (zijn twee exports aan elkaar geplakt?); geen gegevens',
  lineFewer: 'regel heeft minder velden dan de kopregel ({count} kolommen)',
  lineMore: 'regel heeft meer velden dan de kopregel ({count} kolommen)',
  lineEncoding: 'regel is geen geldige UTF-8',
  lineTooLong: 'regel is langer dan de grens van 2 MB per regel',
  lineCast: 'regel heeft een waarde die niet te lezen is',
  lineTextAfterQuote: 'regel heeft tekst na een sluitend aanhalingsteken (een aanhalingsteken in een waarde schrijf je als twee: "")',
  lineCutOff: 'regel is afgebroken: een veld tussen aanhalingstekens wordt voor het einde van het bestand niet gesloten (een afgekapte export?)',
  familyIso: 'ISO 8601 (2025-12-31 23:59)',
  familyDayFirst: 'dag-maand-jaar (31-12-2025 23:59)',
  familyMonthFirst: 'maand/dag/jaar (12/31/2025 11:59 PM)',
  familyPoint: 'decimale punt (1234.56)',
  familyComma: 'decimale komma (1.234,56)',
  familyThousands: 'duizendtallen met komma (1,234.56)',
  familyNative: 'het eigen type van het Parquet-bestand',
  detectedHeader: 'kopregel heeft {matched} ({count} standaardkolommen)',
  detectedForcedColumns: 'opgegeven (bron in de configuratie met columns)',
  detectedForced: 'opgegeven (SOORT=PAD)',
  detectedDerived: 'afgeleide bron, een query in de configuratie',
};

/** Words inside slot values (lists such as the kinds of personal data found), per language. */
const TERMS_NL: Record<string, string> = {
  email: 'e-mail',
  'phone number': 'telefoonnummer',
  'not records': 'geen records',
};

/** The slots whose values are such words (not names from the data or config). */
const TERM_SLOTS = new Set(['kinds', 'reason']);

const CATALOGUES: Partial<Record<Lang, { messages: Record<MessageCode, string>; terms: Record<string, string> }>> = {
  nl: { messages: MESSAGES_NL, terms: TERMS_NL },
};

/** A sentence core wrote, in `lang`: worded from the catalogue when a template knows it, else as written. */
export function wordMessage(text: string, lang: Lang = 'en'): string {
  const catalogue = CATALOGUES[lang];
  if (!catalogue) return text;
  const parsed = parseMessage(text);
  if (!parsed) return text;
  return catalogue.messages[parsed.code].replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = parsed.params[name] ?? '';
    if (parsed.numbers.has(name)) {
      const decimals = value.split('.')[1]?.length ?? 0;
      return formatNumber(Number(value), decimals, true, lang);
    }
    const worded = wordMessage(value, lang);
    if (worded !== value || !TERM_SLOTS.has(name)) return worded;
    return value.split(', ').map((v) => catalogue.terms[v] ?? v).join(', ');
  });
}
