import { cuedNameDetector } from '../../../src/detectors/patterns/cued-name';
import { found } from '../helpers';

describe('pattern.cued-name', () => {
  it.each([
    ['can you write a birthday note for my mom june?', ['june']],
    ['Please tell Will that the results are normal.', ['Will']],
    ['my son Will called', ['Will']],
    ['Ask June about the bill', ['June']],
    ['my daughter grace and my son hunter', ['grace', 'hunter']],
    ['email Bob the results', ['Bob']],
    ['Her fiancée Margaret came', ['Margaret']],
    ['E-mail Bob the results', ['Bob']],
    ['HIS WIFE JUNE CALLED', ['JUNE']],
  ])('finds %j', (text, expected) => {
    expect(found(cuedNameDetector, text)).toEqual(expected);
  });

  it.each([
    ['tell will i said hi'], // lower case after a verb
    ['my son will call you tomorrow'], // a name that is also a word, in lower case
    ['HIS SON WILL PICK HIM UP'], // or in ALL CAPS
    ['my husband may come'],
    ['my doctor rose the dose'],
    ['call May 5 to confirm'], // a date
    ['Tell Smith that'], // not a first name
    ['my friend said hi'],
    ['Your Sister In The Lord'],
    ['what we call Sunday'],
    ['thank God'],
  ])('ignores %j', (text) => {
    expect(found(cuedNameDetector, text)).toEqual([]);
  });
});
