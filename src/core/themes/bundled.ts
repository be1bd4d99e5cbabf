// The bundled theme sets: the common CX topics, each with Dutch terms (matched in Dutch comments)
// and English terms (in English comments), so `late` never meets Dutch `laat`. A term is a
// word (matched on its Snowball stem in the comment's language), a word with `*` (matched on the
// start of the folded word, no stemming), a phrase of words in a row, or a phrase starting with a
// negation word (`niet snel`: matched only where the word is negated). docs/themes.md.

export interface ThemeDef {
  id: string;
  /** Terms matched in Dutch comments only. */
  nl: string[];
  /** Terms matched in English comments only. */
  en: string[];
}

export const BUNDLED_THEMES: ThemeDef[] = [
  {
    id: 'delivery',
    nl: ['levering', 'lever*', 'bezorg*', 'pakket*', 'koerier*', 'te laat', 'verzend*', 'verzonden', 'afgeleverd', 'track*', 'zending'],
    en: ['deliver*', 'parcel*', 'courier*', 'shipping', 'shipped', 'shipment', 'dispatch*', 'track*', 'arrived late', 'late'],
  },
  {
    id: 'returns',
    nl: ['retour*', 'terugsturen', 'teruggestuurd', 'ruilen', 'omruilen', 'terugbetaling', 'geld terug'],
    en: ['return*', 'refund*', 'exchange', 'send back', 'sent back', 'money back'],
  },
  {
    id: 'price',
    nl: ['prijs', 'prijzen', 'duur', 'goedkoop', 'kosten', 'verzendkosten', 'korting*', 'aanbieding*', 'te duur'],
    en: ['price*', 'pricing', 'expensive', 'cheap*', 'cost*', 'discount*', 'overpriced', 'value for money'],
  },
  {
    id: 'payment',
    nl: ['betal*', 'ideal', 'checkout', 'creditcard', 'factuur', 'termijn*', 'afreken*', 'afgerekend', 'kortingscode'],
    en: ['pay', 'paid', 'payment*', 'paying', 'credit card', 'invoice*', 'checkout', 'card declined', 'instalment*'],
  },
  {
    id: 'website',
    nl: ['website', 'site', 'app', 'pagina', 'inlog*', 'account', 'laadt', 'laden', 'liep vast', 'klik*', 'knop', 'scherm', 'mobiel', 'layout'],
    en: ['website', 'site', 'app', 'account', 'webpage', 'page', 'login', 'log in', 'loading', 'crash*', 'button', 'screen', 'mobile', 'click*'],
  },
  {
    id: 'product_quality',
    nl: ['kwaliteit', 'kapot', 'beschadigd', 'defect', 'gebroken', 'gebogen', 'stuk', 'slecht gemaakt', 'roest*', 'verpakt', 'verpakking'],
    en: ['quality', 'broken', 'damaged', 'defective', 'faulty', 'bent', 'scratch*', 'rust*', 'packaging', 'packed'],
  },
  {
    id: 'staff',
    nl: ['vriendelijk', 'onvriendelijk', 'behulpzaam', 'deskundig', 'medewerker*', 'beleefd', 'onbeleefd', 'geholpen', 'advies'],
    en: ['friendly', 'unfriendly', 'helpful', 'rude', 'polite', 'staff', 'employee*', 'agent', 'knowledgeable', 'advice'],
  },
  {
    id: 'waiting_time',
    nl: ['wacht*', 'lang', 'traag', 'duurde', 'niet snel', 'sneller', 'dagen'],
    en: ['wait*', 'slow', 'took long', 'took ages', 'long time', 'not fast', 'delay*', 'days'],
  },
  {
    id: 'communication',
    nl: ['bericht', 'mail*', 'e-mail', 'gebeld', 'belde', 'antwoord', 'reactie', 'geen reactie', 'reageert', 'informatie', 'info', 'niks meer van gehoord', 'op de hoogte', 'standaardmail'],
    en: ['message', 'email*', 'called', 'answer*', 'reply', 'replied', 'response', 'no response', 'information', 'informed', 'update*', 'never heard'],
  },
  {
    id: 'stock',
    nl: ['voorraad', 'uitverkocht', 'niet leverbaar', 'levertijd', 'op voorraad', 'backorder'],
    en: ['stock', 'out of stock', 'sold out', 'unavailable', 'back order', 'in stock'],
  },
];
