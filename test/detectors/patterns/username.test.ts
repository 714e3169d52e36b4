import { usernameDetector } from '../../../src/detectors/patterns/username';
import { detect, found, spans } from '../helpers';

describe('pattern.username', () => {
  it.each([
    ['thanks @jsmith for the update', ['@jsmith']],
    ['cc @dr.patel_md and @Nurse-Kim: see chart', ['@dr.patel_md', '@Nurse-Kim']],
    ['@maria_g can you call the patient?', ['@maria_g']],
    ['ask @jsmith.', ['@jsmith']],
    ['(@_anon42)', ['@_anon42']],
    ['RT @KofiAdeyemi: great news', ['@KofiAdeyemi']],
    ['mención a @José_Núñez hoy', ['@José_Núñez']],
  ])('finds %j', (text, expected) => {
    expect(found(usernameDetector, text)).toEqual(expected);
  });

  it.each([
    ['write to john.doe@example.org'],
    ['user@localhost and a+b@x'],
    ['see medium.com/@author/post'],
    ['meet @3pm or @ 5'],
    ['two for @$5 each'],
    ['npm i @types/node @babel/core'],
    ['@app.route("/") and @pytest.fixture(scope="module")'],
    ['/** @param name the name @returns nothing @deprecated */'],
    ['@media (max-width: 600px) { } @import "x.css"; @font-face {}'],
    ['@Override\npublic void run()'],
    ['heads up @here and @channel, @everyone'],
    ['mail @example.com'],
    ['a@@b'],
  ])('ignores %j', (text) => {
    expect(found(usernameDetector, text)).toEqual([]);
  });

  it('reports the "@" and the handle with exact UTF-16 offsets', () => {
    const text = '😀 ping @zoë_k now';
    expect(spans(usernameDetector, text)).toEqual([[8, 14]]);
    expect(text.slice(8, 14)).toBe('@zoë_k');
  });

  it('reads "@" for "at" in clinical and chat shorthand as no handle, unless a context word says it is one', () => {
    expect(found(usernameDetector, 'take 2 tabs @bedtime; O2 94% @rest, 88% on exertion; seen @HS and @home')).toEqual([]);
    expect(found(usernameDetector, 'follow her on instagram: @home')).toEqual(['@home']);
  });

  it('scores higher with a context word', () => {
    const [plain] = detect(usernameDetector, 'thanks @jsmith');
    const [ctx] = detect(usernameDetector, 'her instagram handle is @jsmith');
    expect(plain.score).toBeGreaterThanOrEqual(0.5);
    expect(ctx.score).toBeGreaterThan(plain.score);
  });

  it('does not take a handle longer than 39 characters', () => {
    expect(found(usernameDetector, `@${'a'.repeat(39)}`)).toEqual([`@${'a'.repeat(39)}`]);
    expect(found(usernameDetector, `@${'a'.repeat(40)}`)).toEqual([]);
  });
});
