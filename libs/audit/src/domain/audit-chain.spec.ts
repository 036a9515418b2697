import { AuditEntryFields, canonicalJson, ChainVerifier, GENESIS_HASH, hashEntry, StoredAuditEntry, toJsonValue } from './audit-chain';

function chain(n: number): StoredAuditEntry[] {
  const entries: StoredAuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: AuditEntryFields = {
      id: `00000000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
      companyId: null,
      seq,
      action: 'test.did_something',
      actorUserId: null,
      actorType: 'system',
      ip: null,
      userAgent: null,
      requestId: `req-${seq}`,
      targetType: 'thing',
      targetId: String(seq),
      before: { n: seq - 1 },
      after: { n: seq },
      metadata: null,
      createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, seq)),
      prevHash,
    };
    const entry = { ...fields, hash: hashEntry(fields) };
    entries.push(entry);
    prevHash = entry.hash;
  }
  return entries;
}

describe('audit hash chain', () => {
  it('canonical JSON ignores key order at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(canonicalJson({ a: { d: [1, { x: 1, y: 2 }] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }] } }));
  });

  it('normalises values the way jsonb will return them', () => {
    expect(toJsonValue({ at: new Date('2025-01-01T00:00:00Z'), gone: undefined, n: 1.5 })).toEqual({ at: '2025-01-01T00:00:00.000Z', n: 1.5 });
    expect(toJsonValue(undefined)).toBeNull();
  });

  it('hash covers every field and the previous hash', () => {
    const [entry] = chain(1);
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEntry({ ...entry, action: 'test.other' })).not.toBe(entry.hash);
    expect(hashEntry({ ...entry, after: { n: 2 } })).not.toBe(entry.hash);
    expect(hashEntry({ ...entry, prevHash: 'f'.repeat(64) })).not.toBe(entry.hash);
    expect(hashEntry({ ...entry, createdAt: new Date(entry.createdAt.getTime() + 1) })).not.toBe(entry.hash);
    expect(hashEntry({ ...entry, after: { n: 1 }, before: { n: 0 } })).toBe(entry.hash);
  });

  it('accepts an intact chain fed in pages', () => {
    const entries = chain(7);
    const verifier = new ChainVerifier();
    expect(verifier.feed(entries.slice(0, 3))).toBe(true);
    expect(verifier.feed(entries.slice(3))).toBe(true);
    expect(verifier.checked).toBe(7);
    expect(verifier.broken).toBeUndefined();
  });

  it('reports the first entry whose content was changed', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], after: { n: 999 } };
    const verifier = new ChainVerifier();
    expect(verifier.feed(entries)).toBe(false);
    expect(verifier.broken).toEqual({ id: entries[2].id, seq: 3, reason: 'hash_mismatch' });
    expect(verifier.checked).toBe(3);
  });

  it('reports a rewritten entry whose hash was recomputed at the next link', () => {
    const entries = chain(5);
    const forged = { ...entries[1], action: 'test.forged' };
    entries[1] = { ...forged, hash: hashEntry(forged) };
    const verifier = new ChainVerifier();
    verifier.feed(entries);
    expect(verifier.broken).toEqual({ id: entries[2].id, seq: 3, reason: 'prev_hash_mismatch' });
  });

  it('reports a deleted entry as a gap', () => {
    const entries = chain(5);
    entries.splice(3, 1);
    const verifier = new ChainVerifier();
    verifier.feed(entries);
    expect(verifier.broken).toEqual({ id: entries[3].id, seq: 5, reason: 'seq_gap' });
  });
});
