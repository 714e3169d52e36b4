import { dateTimeDetector } from '../../../src/detectors/patterns/date-time';
import { detect, found, spans } from '../helpers';

describe('pattern.date-time', () => {
  it.each([
    ['DOB: 1/2/80', ['1/2/80']],
    ['born 03/14/1962 in Ohio', ['03/14/1962']],
    ['admitted on 3/14', ['3/14']],
    ['seen March 3rd, 2024.', ['March 3rd, 2024']],
    ['on 14-Mar-2024', ['14-Mar-2024']],
    ['scan 2024-03-14 normal', ['2024-03-14']],
    ['at 2024-03-14T09:30:00Z', ['2024-03-14T09:30:00Z']],
    ['on 3 March 2024', ['3 March 2024']],
    ['since Mar. 3', ['Mar. 3']],
    ['visit Sept 21, 2023', ['Sept 21, 2023']],
    ['Date of birth: 14.03.1962', ['14.03.1962']],
    ['the 3rd of March', ['3rd of March']],
    ['diagnosed in March 2019', ['March 2019']],
    ['follow-up 12-25-2023', ['12-25-2023']],
    ['symptoms since 03/2019', ['03/2019']],
    ['scanned 2024.03.14', ['2024.03.14']],
    // days spelled as ordinal words
    ['seen March fourteenth for follow-up', ['March fourteenth']],
    ['on the twenty-first of June, 2023', ['twenty-first of June, 2023']],
    ['born the thirty first of December 1950', ['thirty first of December 1950']],
    ['since Sept. twentieth', ['Sept. twentieth']],
    ['DOB: MAY SECOND 1962', ['MAY SECOND 1962']],
    ['no fever since the first of March', ['first of March']],
    ['appointment march fourteenth', ['march fourteenth']], // lower case, but a context word leads it
    ['clinic Fri 11/21 at 9', ['11/21']], // a weekday leads a bare m/d
    ['moved to Tuesday, 3/14', ['3/14']],
  ])('finds %j', (text, expected) => {
    expect(found(dateTimeDetector, text)).toEqual(expected);
  });

  it.each([
    ['price $1,234.56'],
    ['upgrade to v2.10.4'],
    ['release 1.2.34'],
    ['pain 3/10 today'],
    ['rated 4/5 by the patient'],
    ['take 1/2 tablet'],
    ['BP 120/80'],
    ['meet at 12:30'],
    ['13/13/2020'],
    ['2024-13-45'],
    ['ratio 3/14'],
    ['you may 3 times'],
    ['ISBN 978-3-16-148410-0'],
    ['SSN 123-45-6789'],
    ['dose 13/2019'],
    ['Model Y, version 2024.8.7'],
    ['score 12/2000 points'],
    ['By March first results were in.'],
    ['we march fourteenth in line'],
    ['March second-guessing'],
    ['the first of many'],
    ['in may third parties may apply'],
  ])('ignores %j', (text) => {
    expect(found(dateTimeDetector, text)).toEqual([]);
  });

  it('scores a bare 3/14 moderately, and high after a date word', () => {
    expect(detect(dateTimeDetector, 'x 3/14')[0].score).toBeLessThan(0.5);
    expect(detect(dateTimeDetector, 'x 3/14')[0].score).toBeGreaterThan(0.2);
    expect(detect(dateTimeDetector, 'DOB 3/14')[0].score).toBeGreaterThanOrEqual(0.8);
  });

  it('reports exact offsets', () => {
    expect(spans(dateTimeDetector, 'Seen March 3rd, 2024 and 2024-03-14.')).toEqual([
      [5, 20],
      [25, 35],
    ]);
  });
});
