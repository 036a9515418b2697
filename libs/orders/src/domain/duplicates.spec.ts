import { channelKey, duplicateFingerprint } from './duplicates';
import { validateOrderDraft } from './order-spec';
import { b2cDraft } from './__tests__/drafts';

const spec = (d: unknown) => {
  const r = validateOrderDraft(d, new Date());
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.spec;
};

describe('duplicate fingerprint', () => {
  it('is the same for the same phone, total and items in any order and spelling of the phone', () => {
    const items = [
      { sku: 'A', name: 'Alpha', quantity: 1, unitPricePaise: 1000 },
      { name: 'Beta Mug', quantity: 2, unitPricePaise: 500 },
    ];
    const a = spec(b2cDraft({ items }));
    const b = spec(b2cDraft({ items: [{ ...items[1], name: 'beta mug ' }, items[0]], buyer: { name: 'Other Name', phone: '09876543210' } }));
    expect(duplicateFingerprint(a)).toBe(duplicateFingerprint(b));
  });

  it('differs when quantity, total or phone differ', () => {
    const base = duplicateFingerprint(spec(b2cDraft()));
    expect(duplicateFingerprint(spec(b2cDraft({ items: [{ sku: 'TS-BLK-M', name: 'x', quantity: 3, unitPricePaise: 49900, taxRatePercent: 5 }] })))).not.toBe(base);
    expect(duplicateFingerprint(spec(b2cDraft({ shippingChargesPaise: 100 })))).not.toBe(base);
    expect(duplicateFingerprint(spec(b2cDraft({ buyer: { name: 'Asha', phone: '9876543211' } })))).not.toBe(base);
  });

  it('keys channel order ids by channel', () => {
    expect(channelKey({ channel: 'shopify', channelOrderId: '#1001' })).not.toBe(channelKey({ channel: 'woocommerce', channelOrderId: '#1001' }));
    expect(channelKey({ channel: 'shopify', channelOrderId: null })).toBeNull();
  });
});
