import { labelledHandleDetector } from '../../../src/detectors/patterns/labelled-handle';
import { found } from '../helpers';

describe('pattern.labelled-handle', () => {
  it.each([
    ['my insta is lisa.m.photos and my snap is lisam88', ['lisa.m.photos', 'lisam88']],
    ['username: j_doe', ['j_doe']],
    ['discord jdoe#4471', ['jdoe#4471']],
    ['github john-smith99', ['john-smith99']],
    ['IG: dr.patel_md.', ['dr.patel_md']],
  ])('finds %j', (text, expected) => {
    expect(found(labelledHandleDetector, text)).toEqual(expected);
  });

  it.each([
    ['my insta is private'], // a word, not a handle
    ['h/o DM type2, HTN'], // "DM" is not one of its labels
    ['ig: v1.2'],
    ['lisa.m.photos'], // no label
    ['my instagram account was hacked last week, the one with 2fa'], // too far from the label
    ['see www.site.com'],
  ])('ignores %j', (text) => {
    expect(found(labelledHandleDetector, text)).toEqual([]);
  });
});
