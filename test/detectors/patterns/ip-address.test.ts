import { ipAddressDetector } from '../../../src/detectors/patterns/ip-address';
import { found, spans } from '../helpers';

describe('pattern.ip-address', () => {
  it.each([
    ['client 192.168.10.1 connected', ['192.168.10.1']],
    ['from 8.8.8.8.', ['8.8.8.8']],
    ['v6 2001:db8::8a2e:370:7334 ok', ['2001:db8::8a2e:370:7334']],
    ['full 2001:0db8:85a3:0000:0000:8a2e:0370:7334', ['2001:0db8:85a3:0000:0000:8a2e:0370:7334']],
    ['loopback ::1 and fe80::1', ['::1', 'fe80::1']],
    ['(10.0.0.255)', ['10.0.0.255']],
    ['server build 9.13.24. Requests came from 84.76.43.67', ['84.76.43.67']],
  ])('finds %j', (text, expected) => {
    expect(found(ipAddressDetector, text)).toEqual(expected);
  });

  it.each([
    ['bad 999.1.1.1'],
    ['version 1.2.3.4'],
    ['release v1.2.3.4'],
    ['semver 1.2.3'],
    ['a run 1.1.1.1.1.1'],
    ['at 12:30:45'],
    ['C++ std::vector'],
    ['ratio a::b::c'],
    ['firmware updated to 3.12.45.6 today'],
  ])('ignores %j', (text) => {
    expect(found(ipAddressDetector, text)).toEqual([]);
  });

  it('reports exact offsets', () => {
    expect(spans(ipAddressDetector, 'IP: 10.1.2.3, next')).toEqual([[4, 12]]);
  });
});
