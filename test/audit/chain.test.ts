import { GENESIS, canonical, chainHash, link, verifyChain } from '../../src/audit/chain';
import { csvField, csvRow } from '../../src/audit/export';
import { emptyInput, type AuditRecord } from '../../src/audit/types';

const rec = (i: number) => emptyInput({ kind: 'item', requestId: `r${i}`, route: '/v1/redact', at: 1_700_000_000_000 + i, entity: 'US_SSN', operator: 'redact', start: 0, end: 11, score: 0.9, valueDigest: 'ab' });

async function* iter(rs: AuditRecord[]) {
  for (const r of rs) yield r;
}

describe('audit hash chain', () => {
  it('canonical form is stable: fixed field order, sorted object keys, every field covered', () => {
    const a = { ...emptyInput({ kind: 'request', requestId: 'r', route: '/x', at: 1, counts: { B: 1, A: 2 } }), tenant: 't', seq: 1 };
    const b = { ...a, counts: { A: 2, B: 1 } };
    expect(canonical(a)).toBe(canonical(b));
    expect(canonical(a)).toContain('"counts":{"A":2,"B":1}');
    for (const f of ['tenant', 'seq', 'kind', 'requestId', 'at', 'policyId', 'policyVersion', 'route', 'upstream', 'decision', 'status', 'counts', 'reason', 'path', 'entity', 'start', 'end', 'operator', 'detector', 'score', 'valueDigest']) {
      expect(canonical(a)).toContain(`"${f}":`);
    }
    expect(chainHash(GENESIS, a)).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS, a)).not.toBe(chainHash(GENESIS, { ...a, seq: 2 }));
  });

  it('links and verifies; any change, reorder, removal or truncation is caught at the first broken record', async () => {
    const rs = link('t', { seq: 0, hash: GENESIS }, [1, 2, 3, 4].map(rec));
    const head = { seq: 4, hash: rs[3].hash };
    expect(await verifyChain(iter(rs), head)).toMatchObject({ ok: true, checked: 4 });

    const edited = rs.map((r) => ({ ...r }));
    edited[2].score = 0.1;
    expect((await verifyChain(iter(edited), head)).firstBroken).toMatchObject({ seq: 3, reason: 'hash_mismatch' });

    // Edit + recomputed hash still breaks the next link.
    const rehashed = rs.map((r) => ({ ...r }));
    rehashed[1].entity = 'PERSON';
    const { prevHash: _p, hash: _h, ...rest } = rehashed[1];
    rehashed[1].hash = chainHash(rehashed[1].prevHash, rest);
    expect((await verifyChain(iter(rehashed), head)).firstBroken).toMatchObject({ seq: 3, reason: 'prev_mismatch' });

    expect((await verifyChain(iter([rs[0], rs[2], rs[3]]), head)).firstBroken).toMatchObject({ seq: 2, reason: 'missing_record' });
    expect((await verifyChain(iter(rs.slice(0, 3)), head)).firstBroken).toMatchObject({ reason: 'head_mismatch' });
    expect(await verifyChain(iter([]), null)).toMatchObject({ ok: true, checked: 0 });
    expect((await verifyChain(iter(rs), null)).firstBroken).toMatchObject({ reason: 'head_mismatch' });
  });
});

describe('CSV export', () => {
  it('quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField(null)).toBe('');
    expect(csvField({ A: 1 })).toBe('"{""A"":1}"');
    const [r] = link('t', { seq: 0, hash: GENESIS }, [rec(1)]);
    expect(csvRow(r).endsWith('\r\n')).toBe(true);
    expect(csvRow(r).split(',')).toHaveLength(23);
  });
});
