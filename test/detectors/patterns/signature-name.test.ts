import { signatureNameDetector } from '../../../src/detectors/patterns/signature-name';
import { detect, found } from '../helpers';

describe('pattern.signature-name', () => {
  it.each([
    ['Please check.\n\nBest regards,\nRahul Diallo\n+1 713 902 9471\n', ['Rahul Diallo']],
    ['Thanks,\nAna', ['Ana']],
    ['thanks so much!\nok\n\nTHANKS!\nMARY-JANE O’NEIL', ['MARY-JANE O’NEIL']],
    ['Sincerely,\r\nDr. Kofi Adeyemi, MD\r\nCardiology', ['Kofi Adeyemi']],
    ['Kind regards,\n\nJ. Smith (billing)', ['J. Smith']],
    ['Best regards, Li Wei', ['Li Wei']],
    ['Yours faithfully\n  Zoë Núñez — Head of Nursing', ['Zoë Núñez']],
    ['Cheers\nTom\nSent from my phone', ['Tom']],
    ['note\nWarmly, Ximena Cabrera | 555-0100', ['Ximena Cabrera']],
  ])('finds the name in %j', (text, expected) => {
    expect(found(signatureNameDetector, text)).toEqual(expected);
  });

  it.each([
    ['Best regards,\nThe ACME Support Team'],
    ['Thank you,\nCustomer Care'],
    ['Thanks, I will call tomorrow.'],
    ['Regards to your mother'],
    ['Best practices for Hospital Staff'],
    ['I said thanks\nAna'], // the salutation must open its line
    ['Best regards,\nana lee'], // no capital: not a name line
    ['Sincerely,\nRahul Diallo wrote this'], // the name must end its line (or meet a comma, bracket, dash)
  ])('ignores %j', (text) => {
    expect(found(signatureNameDetector, text)).toEqual([]);
  });

  it('types it PERSON with a score above the default threshold, span without the title', () => {
    const text = 'Regards,\nMrs. Ngozi Okafor\n';
    const [d] = detect(signatureNameDetector, text);
    expect(d).toMatchObject({ entity: 'PERSON', detectorId: 'pattern.signature-name' });
    expect(d.score).toBeGreaterThan(0.8);
    expect(text.slice(d.start, d.end)).toBe('Ngozi Okafor');
  });
});
