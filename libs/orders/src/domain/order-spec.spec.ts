import fc from 'fast-check';
import { normalizeIndianPhone, specToDraft, validateOrderDraft } from './order-spec';
import { b2bDraft, b2cDraft } from './__tests__/drafts';

const now = new Date('2026-11-22T06:00:00Z');
const fields = (input: unknown) => {
  const r = validateOrderDraft(input, now);
  return r.ok ? [] : r.errors.map((e) => `${e.field}:${e.code}`);
};
const spec = (input: unknown) => {
  const r = validateOrderDraft(input, now);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.spec;
};

describe('order draft validation', () => {
  it('normalises a B2C draft and computes totals in paise (GST on top of the net line)', () => {
    const s = spec(b2cDraft({ shippingChargesPaise: 5000, discountPaise: 1000 }));
    expect(s.type).toBe('b2c');
    expect(s.channel).toBe('manual');
    expect(s.buyer).toMatchObject({ phone: '9876543210', email: 'asha@example.in' });
    // 2 x 499.00 = 998.00; tax 5% = 49.90; discount 10; shipping 50
    expect(s.totals).toEqual({ itemsPaise: 99800, discountPaise: 1000, shippingPaise: 5000, taxPaise: 4990, totalPaise: 99800 - 1000 + 5000 + 4990 });
    expect(s.codAmountPaise).toBe(0);
    expect(s.heavyFreight).toBe(false);
    expect(s.boxCount).toBe(1);
  });

  it('defaults the COD amount to the total and refuses more than the total', () => {
    expect(spec(b2cDraft({ paymentMode: 'cod' })).codAmountPaise).toBe(99800 + 4990);
    expect(spec(b2cDraft({ paymentMode: 'cod', codAmountPaise: 50000 })).codAmountPaise).toBe(50000);
    expect(fields(b2cDraft({ paymentMode: 'cod', codAmountPaise: 200000 }))).toEqual(['codAmountPaise:exceeds_total']);
    expect(fields(b2cDraft({ paymentMode: 'prepaid', codAmountPaise: 100 }))).toEqual(['codAmountPaise:prepaid']);
  });

  it('reports every problem with its field path', () => {
    const bad = b2cDraft({
      paymentMode: 'upi' as never,
      buyer: { name: '', phone: '12345' },
      shippingAddress: { line1: 'x', city: 'Pune', state: 'MH', pincode: '01234' },
      items: [{ name: 'A', quantity: 0, unitPricePaise: 100 }, { name: 'B', quantity: 1.5 as never, unitPricePaise: -1 }],
      packages: [],
    });
    expect(fields(bad)).toEqual(
      expect.arrayContaining([
        'paymentMode:one_of',
        'buyer.name:required',
        'buyer.phone:phone',
        'shippingAddress.pincode:format',
        'items[0].quantity:min',
        'items[1].quantity:integer',
        'items[1].unitPricePaise:min',
        'packages:min_items',
      ]),
    );
    expect(fields(null)).toEqual(['body:required']);
    expect(fields({ ...b2cDraft(), codAmount: 5, buyer: { name: 'A', phone: '9876543210', mobile: 'x' } })).toEqual(['codAmount:unknown_field', 'buyer.mobile:unknown_field']);
    expect(fields({})).toEqual(expect.arrayContaining(['buyer:required', 'shippingAddress:required', 'items:required', 'packages:required']));
  });

  it('validates B2B: buyer GSTIN with check character, invoice, heavy freight boxes and appointment delivery', () => {
    const s = spec(b2bDraft());
    expect(s).toMatchObject({ type: 'b2b', freightMode: 'ptl', heavyFreight: true, boxCount: 2, appointmentDelivery: true, totalWeightGrams: 24000 });
    expect(s.b2b).toMatchObject({ invoiceNumber: 'INV-42', invoiceValuePaise: 5310000 });
    expect(fields(b2bDraft({ buyer: { name: 'R', phone: '9845012345', gstin: '29ABCDE1234F1ZX' } }))).toEqual(['buyer.gstin:gstin_checksum']);
    expect(fields(b2bDraft({ buyer: { name: 'R', phone: '9845012345' } }))).toEqual(['buyer.gstin:required']);
    expect(fields(b2bDraft({ b2b: { invoiceNumber: 'I', invoiceValuePaise: 1, freightMode: 'ftl' } }))).toEqual(['b2b.boxCount:required']);
    const light = b2bDraft({ packages: [{ weightGrams: 5000, lengthCm: 10, breadthCm: 10, heightCm: 10 }], b2b: { invoiceNumber: 'I', invoiceValuePaise: 1, appointmentDelivery: true } });
    expect(fields(light)).toEqual(['b2b.appointmentDelivery:heavy_freight_only']);
    expect(fields(b2cDraft({ b2b: { invoiceNumber: 'I', invoiceValuePaise: 1 }, type: 'b2c' }))).toEqual(['b2b:b2b_only']);
    expect(fields(b2bDraft({ b2b: null }))).toEqual(['b2b:required']);
  });

  it('heavy B2B parcel over 20 kg needs a box count', () => {
    expect(fields(b2bDraft({ b2b: { invoiceNumber: 'I', invoiceValuePaise: 100, freightMode: 'parcel' } }))).toEqual(['b2b.boxCount:required']);
  });

  it('keeps multi-package, handling flags and insurance', () => {
    const s = spec(
      b2cDraft({
        packages: [
          { weightGrams: 400, lengthCm: 10, breadthCm: 10, heightCm: 10 },
          { weightGrams: 900, lengthCm: 20, breadthCm: 10, heightCm: 10 },
        ],
        handling: { fragile: true, liquid: true },
        insurance: { insured: true, declaredValuePaise: 250000 },
        tags: ['VIP', 'vip', 'Diwali'],
      }),
    );
    expect(s.packages).toHaveLength(2);
    expect(s.totalWeightGrams).toBe(1300);
    expect(s.handling).toEqual({ fragile: true, liquid: true, dangerousGoods: false });
    expect(s.insurance).toEqual({ insured: true, declaredValuePaise: 250000 });
    expect(s.tags).toEqual(['vip', 'diwali']);
    expect(fields(b2cDraft({ insurance: { insured: true } }))).toEqual(['insurance.declaredValuePaise:required']);
  });

  it('accepts numbers sent as strings (CSV rows) but not fractions of a paisa', () => {
    const csvLike = b2cDraft({ items: [{ name: 'A', quantity: '3' as never, unitPricePaise: '1000' as never }] });
    expect(spec(csvLike).totals.itemsPaise).toBe(3000);
    expect(fields(b2cDraft({ items: [{ name: 'A', quantity: 1, unitPricePaise: 10.5 }] }))).toEqual(['items[0].unitPricePaise:integer']);
  });

  it('round-trips through specToDraft (PATCH re-validates stored orders)', () => {
    for (const d of [b2cDraft({ paymentMode: 'cod', discountPaise: 500, tags: ['a'] }), b2bDraft()]) {
      const first = spec(d);
      expect(spec(specToDraft(first))).toEqual(first);
    }
  });

  it('total = items - discounts + shipping + tax, and COD never exceeds it (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 50 }), unitPricePaise: fc.integer({ min: 0, max: 500_000 }), taxRatePercent: fc.constantFrom(0, 5, 12, 18, 28) }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 20_000 }),
        (items, shipping) => {
          const r = validateOrderDraft(b2cDraft({ paymentMode: 'cod', items: items.map((it, i) => ({ ...it, name: `item ${i}` })), shippingChargesPaise: shipping }), now);
          if (!r.ok) return r.errors.every((e) => e.field === 'codAmountPaise');
          const t = r.spec.totals;
          return t.totalPaise === t.itemsPaise - t.discountPaise + t.shippingPaise + t.taxPaise && r.spec.codAmountPaise === t.totalPaise && Number.isInteger(t.taxPaise);
        },
      ),
    );
  });

  it('normalises Indian phone numbers', () => {
    expect(normalizeIndianPhone('+91 98765-43210')).toBe('9876543210');
    expect(normalizeIndianPhone('09876543210')).toBe('9876543210');
    expect(normalizeIndianPhone('919876543210')).toBe('9876543210');
    expect(normalizeIndianPhone('98765')).toBeNull();
  });
});
