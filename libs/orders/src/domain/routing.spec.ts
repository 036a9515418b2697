import { checkRoutingRule, evaluateRoutingRules, RoutingFacts, RoutingRule } from './routing';

const facts: RoutingFacts = { pincode: '560038', state: 'Karnataka', gstStateCode: '29', paymentMode: 'cod', codAmountPaise: 150000, weightGrams: 800, tags: ['vip'], channel: 'shopify' };
const rule = (id: string, position: number, conditions: RoutingRule['conditions'], warehouseId: string | null = `wh-${id}`): RoutingRule => ({
  id,
  name: `rule ${id}`,
  position,
  enabled: true,
  conditions,
  actions: { warehouseId, courierPreference: ['delhivery'] },
});
const usable = () => null;

describe('routing rules', () => {
  it('first matching rule by position wins and every earlier rule says why it did not', () => {
    const rules = [
      rule('c', 3, { states: ['Karnataka'] }),
      rule('a', 1, { pincodePrefixes: ['11'] }),
      rule('b', 2, { paymentMode: 'prepaid' }),
      rule('d', 4, {}),
    ];
    const { matched, trace } = evaluateRoutingRules(rules, facts, usable);
    expect(matched?.id).toBe('c');
    expect(trace.map((t) => [t.ruleId, t.matched])).toEqual([['a', false], ['b', false], ['c', true]]);
    expect(trace[0].reasons[0]).toContain('560038 is not in pincodes');
    expect(trace[1].reasons[0]).toBe('payment mode cod is not prepaid');
    expect(trace[2].reasons).toEqual(['destination state Karnataka is listed']);
  });

  it('checks every condition kind', () => {
    const check = (c: RoutingRule['conditions']) => evaluateRoutingRules([rule('x', 1, c)], facts, usable).matched !== null;
    expect(check({ pincodes: ['560038'] })).toBe(true);
    expect(check({ pincodes: ['560001'] })).toBe(false);
    expect(check({ states: ['29'] })).toBe(true);
    expect(check({ codMinPaise: 100000, codMaxPaise: 200000 })).toBe(true);
    expect(check({ codMaxPaise: 100000 })).toBe(false);
    expect(check({ weightMinGrams: 1000 })).toBe(false);
    expect(check({ weightMaxGrams: 1000 })).toBe(true);
    expect(check({ tagsAny: ['VIP', 'b2b'] })).toBe(true);
    expect(check({ tagsAny: ['b2b'] })).toBe(false);
    expect(check({ channels: ['Shopify'] })).toBe(true);
    expect(check({ channels: ['api'] })).toBe(false);
  });

  it('skips disabled rules and rules whose warehouse cannot take orders', () => {
    const rules = [{ ...rule('a', 1, {}), enabled: false }, rule('b', 2, {}), rule('c', 3, {})];
    const { matched, trace } = evaluateRoutingRules(rules, facts, (id) => (id === 'wh-b' ? 'its warehouse B is inactive' : null));
    expect(matched?.id).toBe('c');
    expect(trace.map((t) => t.reasons[0])).toEqual(['rule is disabled', 'conditions hold but its warehouse B is inactive', 'rule has no conditions: matches every order']);
  });

  it('validates rules: pincodes, ranges, catalogue courier codes, an action', () => {
    const bad = () =>
      checkRoutingRule({ name: 'x', enabled: true, conditions: { pincodes: ['12345'], pincodePrefixes: ['0'], codMinPaise: 10, codMaxPaise: 5 }, actions: { warehouseId: null, courierPreference: ['fedex', 'delhivery'] } });
    expect(bad).toThrow(expect.objectContaining({ code: 'routing_rule.invalid' }));
    try {
      bad();
    } catch (e) {
      expect((e as { details: { errors: { field: string }[] } }).details.errors.map((x) => x.field)).toEqual([
        'conditions.pincodes[0]',
        'conditions.pincodePrefixes[0]',
        'conditions.codMaxPaise',
        'actions.courierPreference[0]',
      ]);
    }
    expect(() => checkRoutingRule({ name: 'x', enabled: true, conditions: {}, actions: { warehouseId: null, courierPreference: [] } })).toThrow('actions');
    expect(checkRoutingRule({ name: ' ok ', enabled: true, conditions: { tagsAny: ['VIP'] }, actions: { warehouseId: null, courierPreference: ['xpressbees'] } }).conditions.tagsAny).toEqual(['vip']);
  });
});
