import { streetAddressDetector } from '../../../src/detectors/patterns/street-address';
import { found, spans } from '../helpers';

describe('pattern.street-address', () => {
  it.each([
    ['Lives at 221B Baker Street, Apt 4, London', ['221B Baker Street, Apt 4']],
    ['1600 Pennsylvania Avenue NW, Washington', ['1600 Pennsylvania Avenue NW']],
    ['send to 12 W 5th St. today', ['12 W 5th St.']],
    ['Home address: 985 Maple Dr. Phone', ['985 Maple Dr.']],
    ['She lives on 4 Elm Street. Then', ['4 Elm Street']],
    ['at 42 Elm Rd', ['42 Elm Rd']],
    ['office: 77 Massachusetts Ave Suite 200', ['77 Massachusetts Ave Suite 200']],
    ['home 9 Bay View Road', ['9 Bay View Road']],
    ['350 Fifth Avenue #12', ['350 Fifth Avenue #12']],
    ['4 Privet Drive', ['4 Privet Drive']],
    ['at 1 Martin Luther King Jr. Blvd', ['1 Martin Luther King Jr. Blvd']],
    ['12 St. Marks Place', ['12 St. Marks Place']],
    ['99 Main St., Apt 4', ['99 Main St., Apt 4']],
  ])('finds %j', (text, expected) => {
    expect(found(streetAddressDetector, text)).toEqual(expected);
  });

  it.each([
    ['take 2 Tablets By Mouth'],
    ['I have 3 cats in the park'],
    ['walked 3 blocks down the road'],
    ['Room 12 Street'],
    ['123 Main'],
    ['version 1.2 Main St'],
    ['$12 Main St'],
    ['12 main street'],
    ['We met 12 Smiths. Street parking was full'],
    ['about 5 Patients Waiting'],
  ])('ignores %j', (text) => {
    expect(found(streetAddressDetector, text)).toEqual([]);
  });

  it('reports exact offsets', () => {
    expect(spans(streetAddressDetector, 'At 221B Baker Street, Apt 4B.')).toEqual([[3, 28]]);
  });
});
