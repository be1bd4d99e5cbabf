// The bundled theme sets: the common CX topics, each a list of Dutch and English terms. A term is a
// word (matched on its Snowball stem in the comment's language), a word with `*` (matched on the
// start of the folded word, no stemming), a phrase of words in a row, or a phrase starting with a
// negation word (`niet snel`: matched only where the word is negated). docs/themes.md.

export interface ThemeDef {
  id: string;
  terms: string[];
}

export const BUNDLED_THEMES: ThemeDef[] = [
  {
    id: 'delivery',
    terms: ['levering', 'lever*', 'bezorg*', 'pakket*', 'koerier*', 'te laat', 'verzend*', 'verzonden', 'afgeleverd', 'track*', 'zending',
      'deliver*', 'parcel*', 'courier*', 'shipping', 'shipped', 'shipment', 'dispatch*', 'arrived late', 'late'],
  },
  {
    id: 'returns',
    terms: ['retour*', 'terugsturen', 'teruggestuurd', 'ruilen', 'omruilen', 'terugbetaling', 'geld terug',
      'return*', 'refund*', 'exchange', 'send back', 'sent back', 'money back'],
  },
  {
    id: 'price',
    terms: ['prijs', 'prijzen', 'duur', 'goedkoop', 'kosten', 'verzendkosten', 'korting*', 'aanbieding*', 'te duur',
      'price*', 'pricing', 'expensive', 'cheap*', 'cost*', 'discount*', 'overpriced', 'value for money'],
  },
  {
    id: 'payment',
    terms: ['betal*', 'ideal', 'creditcard', 'factuur', 'termijn*', 'afreken*', 'afgerekend', 'kortingscode',
      'pay', 'paid', 'payment*', 'paying', 'credit card', 'invoice*', 'checkout', 'card declined', 'instalment*'],
  },
  {
    id: 'website',
    terms: ['website', 'site', 'app', 'pagina', 'inlog*', 'account', 'laadt', 'laden', 'liep vast', 'klik*', 'knop', 'scherm', 'mobiel', 'layout',
      'webpage', 'page', 'login', 'log in', 'loading', 'crash*', 'button', 'screen', 'mobile', 'click*'],
  },
  {
    id: 'product_quality',
    terms: ['kwaliteit', 'kapot', 'beschadigd', 'defect', 'gebroken', 'gebogen', 'stuk', 'slecht gemaakt', 'roest*', 'verpakt', 'verpakking',
      'quality', 'broken', 'damaged', 'defective', 'faulty', 'bent', 'scratch*', 'rust*', 'packaging', 'packed'],
  },
  {
    id: 'staff',
    terms: ['vriendelijk', 'onvriendelijk', 'behulpzaam', 'deskundig', 'medewerker*', 'beleefd', 'onbeleefd', 'geholpen', 'advies',
      'friendly', 'unfriendly', 'helpful', 'rude', 'polite', 'staff', 'employee*', 'agent', 'knowledgeable', 'advice'],
  },
  {
    id: 'waiting_time',
    terms: ['wacht*', 'lang', 'traag', 'duurde', 'niet snel', 'sneller', 'dagen',
      'wait*', 'slow', 'took long', 'took ages', 'long time', 'not fast', 'delay*', 'days'],
  },
  {
    id: 'communication',
    terms: ['bericht', 'mail*', 'e-mail', 'gebeld', 'belde', 'antwoord', 'reactie', 'geen reactie', 'reageert', 'informatie', 'info', 'niks meer van gehoord', 'op de hoogte', 'standaardmail',
      'message', 'email*', 'called', 'answer*', 'reply', 'replied', 'response', 'no response', 'information', 'informed', 'update*', 'never heard'],
  },
  {
    id: 'stock',
    terms: ['voorraad', 'uitverkocht', 'niet leverbaar', 'levertijd', 'op voorraad', 'backorder',
      'stock', 'out of stock', 'sold out', 'unavailable', 'back order', 'in stock'],
  },
];
