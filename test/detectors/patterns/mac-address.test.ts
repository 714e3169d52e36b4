import { macAddressDetector } from '../../../src/detectors/patterns/mac-address';
import { found, spans } from '../helpers';

describe('pattern.mac-address', () => {
  it.each([
    ['MAC 00:1A:2B:3C:4D:5E', ['00:1A:2B:3C:4D:5E']],
    ['eth0 00-1a-2b-3c-4d-5e up', ['00-1a-2b-3c-4d-5e']],
    ['cisco 001a.2b3c.4d5e', ['001a.2b3c.4d5e']],
    ['mac address 12:34:56:78:90:12', ['12:34:56:78:90:12']],
  ])('finds %j', (text, expected) => {
    expect(found(macAddressDetector, text)).toEqual(expected);
  });

  it.each([
    ['00:1A:2B:3C:4D'],
    ['00:1A-2B:3C:4D:5E'],
    ['00:1A:2B:3C:4D:5G'],
    ['12-34-56-78-90-12'],
    ['00:1A:2B:3C:4D:5E:6F'],
  ])('ignores %j', (text) => {
    expect(found(macAddressDetector, text)).toEqual([]);
  });

  it('reports exact offsets', () => {
    expect(spans(macAddressDetector, 'hw=aa:bb:cc:dd:ee:ff;')).toEqual([[3, 20]]);
  });
});
