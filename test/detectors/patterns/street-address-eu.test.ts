import { euStreetAddressDetector } from '../../../src/detectors/patterns/street-address-eu';
import { found } from '../helpers';

describe('pattern.street-address-eu', () => {
  it.each([
    ['I live at flat 3, 17 rue de la Paix, 75002 Paris', ['17 rue de la Paix']],
    ['3 bd Saint-Germain', ['3 bd Saint-Germain']],
    ['17 bis rue Victor Hugo', ['17 bis rue Victor Hugo']],
    ['8a rue Blanche', ['8a rue Blanche']],
    ["8 allée de l'Église", ["8 allée de l'Église"]],
    ['Via Roma 12, Milano', ['Via Roma 12']],
    ['Via Giuseppe Verdi, 5', ['Via Giuseppe Verdi, 5']],
    ['Calle de Alcalá, 45', ['Calle de Alcalá, 45']],
    ['Rua Augusta 23', ['Rua Augusta 23']],
    ['Hauptstraße 5, 10115 Berlin', ['Hauptstraße 5']],
    ['Berliner Straße 12', ['Berliner Straße 12']],
    ['Bahnhofstr. 3', ['Bahnhofstr. 3']],
    ['Kerkstraat 12a', ['Kerkstraat 12a']],
    ['Storgatan 12', ['Storgatan 12']],
    ['Nørrebrogade 44', ['Nørrebrogade 44']],
  ])('finds %j', (text, expected) => {
    expect(found(euStreetAddressDetector, text)).toEqual(expected);
  });

  it.each([
    ['we went via Rome 2 days ago'],
    ['2 courses of antibiotics'],
    ['the Renegade 5 times'],
    ['rue de la Paix'], // no number
    ['Hauptstraße'],
    ['Version 5'],
  ])('ignores %j', (text) => {
    expect(found(euStreetAddressDetector, text)).toEqual([]);
  });
});
