import { patternDetector } from '../pattern-detector';

/** A capitalised name word, accents and inner hyphens or apostrophes allowed: "Paix", "Saint-Germain", "Alcalá". */
const NAME = String.raw`\p{Lu}[\p{L}'’-]*`;
/** Up to four name words. */
const NAMES = String.raw`${NAME}(?:\s{1,2}${NAME}){0,3}`;
const HOUSE = String.raw`\d{1,4}(?:\s?(?:bis|ter)|[a-zA-Z])?`;

/** French: number, then the street type in lower case, then the name: "17 rue de la Paix", "3 bd Saint-Germain". */
const FRENCH = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,/-])${HOUSE},?\s{1,2}(?:rue|avenue|av\.|bd|boulevard|place|allée|chemin|impasse|quai|cours|route|square|passage)\s{1,2}(?:(?:de la|de l'|de|du|des|d'|la|le|les|l')\s{0,2})?${NAMES}`,
  'u',
);
/** Italian, Spanish, Portuguese, Catalan: the street type first, then the name, then the number. */
const SOUTHERN = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:Via|Viale|Piazza|Corso|Largo|Vicolo|Calle|Avenida|Avda\.|Paseo|Plaza|Carrer|Passeig|Rambla|Rua|Travessa|Praça)\s{1,2}(?:(?:de la|del|de|dei|della|delle|degli|di|da|do|dos|das)\s{1,2})?${NAMES},?\s{1,2}(?:n[º°o]\.?\s{0,2})?\d{1,4}[a-zA-Z]?(?![\p{L}\p{N}])`,
  'u',
);
/** German, Dutch, Scandinavian, Finnish: the type fused to the name or after it, then the number: "Hauptstraße 5". */
const NORTHERN = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])(?:${NAME}\s{1,2}(?:Straße|Strasse|Str\.|Weg|Platz|Allee|Gasse|Damm)|\p{Lu}[\p{L}-]*?(?:straße|strasse|str\.|weg|platz|allee|gasse|damm|ufer|straat|laan|gracht|plein|kade|gatan|vägen|gade|vej|veien|katu))\s{1,2}\d{1,4}[a-zA-Z]?(?![\p{L}\p{N}])`,
  'u',
);

/** A number (with "bis", "ter" or a letter), then a French street type. */
const FRENCH_CUE = /\d(?:\s?(?:bis|ter)|[a-zA-Z])?,?\s{1,2}(?:rue|avenue|av\.|bd|boulevard|place|allée|chemin|impasse|quai|cours|route|square|passage)\s/;
const SOUTHERN_CUE = /(?:Via|Viale|Piazza|Corso|Largo|Vicolo|Calle|Avenida|Avda\.|Paseo|Plaza|Carrer|Passeig|Rambla|Rua|Travessa|Praça)\s/;
/** A northern street type, then the number. */
const NORTHERN_CUE =
  /(?:straße|strasse|str\.|Straße|Strasse|Str\.|weg|Weg|platz|Platz|allee|Allee|gasse|Gasse|damm|Damm|ufer|straat|laan|gracht|plein|kade|gatan|vägen|gade|vej|veien|katu)\s{1,2}\d/;

/**
 * STREET_ADDRESS in the formats of the GDPR profile's likely tenants, which `pattern.street-address` (house number,
 * name, English street type) does not read: French "17 rue de la Paix", Italian and Spanish "Via Roma 12",
 * "Calle de Alcalá, 45", Portuguese "Rua Augusta 23", German and Dutch "Hauptstraße 5", "Kerkstraat 12",
 * Scandinavian "Storgatan 12". Postcodes and towns are left to the model (LOCATION).
 */
export const euStreetAddressDetector = patternDetector({
  id: 'pattern.street-address-eu',
  entity: 'STREET_ADDRESS',
  description: 'European street addresses (French, Italian, Spanish, Portuguese, German, Dutch, Nordic forms)',
  context: ['address', 'adresse', 'indirizzo', 'dirección', 'direccion', 'morada', 'anschrift', 'adres', 'lives at', 'wohnt'],
  contextScore: 0.9,
  prefilter: (text) => /\d/.test(text),
  patterns: [
    // Each pattern runs only on texts that hold its cue, found by a regex that starts with a literal or a digit: the
    // patterns themselves start with a lookbehind and a Unicode class, which V8 tries at every position.
    { name: 'french', prefilter: (text) => FRENCH_CUE.test(text), regex: FRENCH, score: 0.8 },
    { name: 'southern', prefilter: (text) => SOUTHERN_CUE.test(text), regex: SOUTHERN, score: 0.8 },
    {
      name: 'northern',
      prefilter: (text) => NORTHERN_CUE.test(text),
      regex: NORTHERN,
      score: 0.8,
      // English words that end like a Danish street ("the Renegade 5 times", "Brigade 2")
      validate: (match) => !/^\S*(?:renegade|brigade)\s/i.test(match),
    },
  ],
});
