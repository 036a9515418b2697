import fc from 'fast-check';
import { checkCoverageHeader, CoverageRow, parseCoverageRecord, parseFlag, ServiceCatalogue } from './coverage';
import { diffCoverage } from './coverage-diff';

const catalogue: ServiceCatalogue = (courier, service) => (courier !== 'delhivery' ? 'unknown_courier' : ['surface', 'express'].includes(service) ? 'ok' : 'unknown_service');
const good = { courier: 'Delhivery', service: 'surface', pincode: '110001', prepaid: 'Y', cod: 'true', pickup: '1', reverse: 'n', oda: 'FALSE', max_weight_grams: '30000', max_cod_paise: '' };

describe('coverage rows', () => {
  it('reads Y/N, true/false and 1/0 in any case, and nothing else', () => {
    expect(['Y', 'y', 'yes', 'TRUE', '1'].map(parseFlag)).toEqual([true, true, true, true, true]);
    expect(['N', 'no', 'false', '0'].map(parseFlag)).toEqual([false, false, false, false]);
    expect(['', 'x', '2', undefined].map(parseFlag)).toEqual([null, null, null, null]);
  });

  it('parses a valid record (courier/service lower-cased, empty limit = none)', () => {
    expect(parseCoverageRecord(good, 2, catalogue)).toEqual({
      row: { courier: 'delhivery', service: 'surface', pincode: '110001', prepaid: true, cod: true, pickup: true, reverse: false, oda: false, maxWeightGrams: 30000, maxCodPaise: null },
    });
  });

  it('reports every problem of a row with its number', () => {
    const result = parseCoverageRecord({ ...good, courier: 'fedex', pincode: '011001', cod: 'maybe', max_cod_paise: '-5' }, 7, catalogue);
    expect(result).toEqual({
      errors: [
        { row: 7, field: 'courier', message: "unknown courier 'fedex'" },
        { row: 7, field: 'pincode', message: expect.any(String) },
        { row: 7, field: 'cod', message: expect.any(String) },
        { row: 7, field: 'max_cod_paise', message: expect.any(String) },
      ],
    });
    expect(parseCoverageRecord({ ...good, service: 'air' }, 3, catalogue)).toEqual({ errors: [{ row: 3, field: 'service', message: "courier 'delhivery' has no service 'air'" }] });
  });

  it('checks the header names exactly the coverage columns', () => {
    expect(checkCoverageHeader(Object.keys(good))).toEqual({ missing: [], unknown: [] });
    expect(checkCoverageHeader(['\uFEFFcourier', 'service', 'pin', 'prepaid'])).toEqual({ missing: ['pincode', 'cod', 'pickup', 'reverse', 'oda', 'max_weight_grams', 'max_cod_paise'], unknown: ['pin'] });
  });
});

describe('diffCoverage', () => {
  const lane = (pincode: string, cod = true): CoverageRow => ({ courier: 'delhivery', service: 'surface', pincode, prepaid: true, cod, pickup: true, reverse: true, oda: false, maxWeightGrams: null, maxCodPaise: null });

  it('adds new lanes, updates changed ones, removes missing ones and leaves the rest', () => {
    const diff = diffCoverage([lane('110001'), lane('110002'), lane('110003')], [lane('110001'), lane('110002', false), lane('110004')]);
    expect(diff).toMatchObject({ added: 1, updated: 1, removed: 1, unchanged: 1 });
    expect(diff.upserts.map((r) => r.pincode).sort()).toEqual(['110002', '110004']);
    expect(diff.removals).toEqual([{ courier: 'delhivery', service: 'surface', pincode: '110003' }]);
  });

  it('applying the diff to the stored lanes yields exactly the incoming list (property)', () => {
    const pins = fc.uniqueArray(fc.integer({ min: 100000, max: 100050 }).map(String), { maxLength: 30 });
    fc.assert(
      fc.property(pins, pins, fc.func(fc.boolean()), (before, after, codOf) => {
        const current = before.map((p) => lane(p, codOf(p, 'before')));
        const incoming = after.map((p) => lane(p, codOf(p, 'after')));
        const diff = diffCoverage(current, incoming);
        const result = new Map(current.map((r) => [r.pincode, r]));
        for (const r of diff.removals) result.delete(r.pincode);
        for (const r of diff.upserts) result.set(r.pincode, r);
        expect([...result.values()].sort((a, b) => a.pincode.localeCompare(b.pincode))).toEqual([...incoming].sort((a, b) => a.pincode.localeCompare(b.pincode)));
        expect(diff.added + diff.updated + diff.unchanged).toBe(incoming.length);
      }),
    );
  });
});
