import { isCourierCode } from '@shipcrowd/couriers/contracts';
import { DomainError, FieldError } from '@shipcrowd/kernel';
import type { PaymentMode } from '../../contracts';

/** When a rule applies; every condition given must hold (an empty rule matches everything). */
export interface RoutingConditions {
  /** Exact destination pincodes. */
  pincodes?: string[];
  /** Destination pincode prefixes, 1-5 digits ('56' = Karnataka's 56xxxx). */
  pincodePrefixes?: string[];
  /** Destination states, by name or GST state code. */
  states?: string[];
  paymentMode?: PaymentMode | null;
  codMinPaise?: number | null;
  codMaxPaise?: number | null;
  weightMinGrams?: number | null;
  weightMaxGrams?: number | null;
  /** The order carries at least one of these tags. */
  tagsAny?: string[];
  channels?: string[];
}

export interface RoutingActions {
  warehouseId: string | null;
  /** Catalogue courier codes, most preferred first. */
  courierPreference: string[];
}

export interface RoutingRuleSpec {
  name: string;
  enabled: boolean;
  conditions: RoutingConditions;
  actions: RoutingActions;
}

export interface RoutingRule extends RoutingRuleSpec {
  id: string;
  position: number;
}

/** What routing knows of an order. */
export interface RoutingFacts {
  pincode: string;
  state: string;
  gstStateCode: string | null;
  paymentMode: PaymentMode;
  codAmountPaise: number;
  weightGrams: number;
  tags: string[];
  channel: string;
}

export interface RuleVerdict {
  ruleId: string;
  name: string;
  position: number;
  matched: boolean;
  /** Why it matched (conditions that held) or why not (the first that failed). */
  reasons: string[];
}

export interface RoutingOutcome {
  matched: RoutingRule | null;
  trace: RuleVerdict[];
}

const fmt = (paise: number) => `₹${(paise / 100).toFixed(2)}`;

/** Conditions in a fixed order; each returns null when it holds (or is not set), else why not. */
function check(c: RoutingConditions, f: RoutingFacts): { held: string[]; failed: string | null } {
  const held: string[] = [];
  const tests: [boolean, () => boolean, string, string][] = [];
  const hasPins = !!(c.pincodes?.length || c.pincodePrefixes?.length);
  tests.push([
    hasPins,
    () => !!c.pincodes?.includes(f.pincode) || !!c.pincodePrefixes?.some((p) => f.pincode.startsWith(p)),
    `destination ${f.pincode} is in the rule's pincodes/prefixes`,
    `destination ${f.pincode} is not in pincodes [${(c.pincodes ?? []).join(', ')}] or prefixes [${(c.pincodePrefixes ?? []).join(', ')}]`,
  ]);
  const states = (c.states ?? []).map((s) => s.trim().toLowerCase());
  tests.push([states.length > 0, () => states.includes(f.state.toLowerCase()) || (!!f.gstStateCode && states.includes(f.gstStateCode)), `destination state ${f.state} is listed`, `destination state ${f.state} is not in [${(c.states ?? []).join(', ')}]`]);
  tests.push([!!c.paymentMode, () => c.paymentMode === f.paymentMode, `payment mode is ${f.paymentMode}`, `payment mode ${f.paymentMode} is not ${c.paymentMode}`]);
  tests.push([c.codMinPaise != null, () => f.codAmountPaise >= (c.codMinPaise ?? 0), `COD ${fmt(f.codAmountPaise)} >= ${fmt(c.codMinPaise ?? 0)}`, `COD ${fmt(f.codAmountPaise)} is below ${fmt(c.codMinPaise ?? 0)}`]);
  tests.push([c.codMaxPaise != null, () => f.codAmountPaise <= (c.codMaxPaise ?? 0), `COD ${fmt(f.codAmountPaise)} <= ${fmt(c.codMaxPaise ?? 0)}`, `COD ${fmt(f.codAmountPaise)} is above ${fmt(c.codMaxPaise ?? 0)}`]);
  tests.push([c.weightMinGrams != null, () => f.weightGrams >= (c.weightMinGrams ?? 0), `weight ${f.weightGrams} g >= ${c.weightMinGrams} g`, `weight ${f.weightGrams} g is below ${c.weightMinGrams} g`]);
  tests.push([c.weightMaxGrams != null, () => f.weightGrams <= (c.weightMaxGrams ?? 0), `weight ${f.weightGrams} g <= ${c.weightMaxGrams} g`, `weight ${f.weightGrams} g is above ${c.weightMaxGrams} g`]);
  tests.push([!!c.tagsAny?.length, () => !!c.tagsAny?.some((t) => f.tags.includes(t.toLowerCase())), `has a tag of [${(c.tagsAny ?? []).join(', ')}]`, `has none of the tags [${(c.tagsAny ?? []).join(', ')}]`]);
  tests.push([!!c.channels?.length, () => !!c.channels?.map((x) => x.toLowerCase()).includes(f.channel), `channel is ${f.channel}`, `channel ${f.channel} is not in [${(c.channels ?? []).join(', ')}]`]);
  for (const [applies, holds, yes, no] of tests) {
    if (!applies) continue;
    if (!holds()) return { held, failed: no };
    held.push(yes);
  }
  return { held, failed: null };
}

/**
 * First enabled rule (by position) whose conditions all hold and whose action is usable wins.
 * `warehouseProblem` says why a rule's warehouse cannot be used (gone, inactive), or null.
 */
export function evaluateRoutingRules(rules: readonly RoutingRule[], facts: RoutingFacts, warehouseProblem: (warehouseId: string) => string | null): RoutingOutcome {
  const trace: RuleVerdict[] = [];
  for (const rule of [...rules].sort((a, b) => a.position - b.position)) {
    const base = { ruleId: rule.id, name: rule.name, position: rule.position };
    if (!rule.enabled) {
      trace.push({ ...base, matched: false, reasons: ['rule is disabled'] });
      continue;
    }
    const { held, failed } = check(rule.conditions, facts);
    if (failed) {
      trace.push({ ...base, matched: false, reasons: [failed] });
      continue;
    }
    const unusable = rule.actions.warehouseId ? warehouseProblem(rule.actions.warehouseId) : null;
    if (unusable) {
      trace.push({ ...base, matched: false, reasons: [`conditions hold but ${unusable}`] });
      continue;
    }
    trace.push({ ...base, matched: true, reasons: held.length ? held : ['rule has no conditions: matches every order'] });
    return { matched: rule, trace };
  }
  return { matched: null, trace };
}

/** Validates a rule as a company defines it (422 with field paths). */
export function checkRoutingRule(input: RoutingRuleSpec): RoutingRuleSpec {
  const errors: FieldError[] = [];
  const c = input.conditions ?? {};
  const fail = (field: string, code: string, message: string) => errors.push({ field, code, message });
  if (!input.name?.trim() || input.name.length > 100) fail('name', 'required', 'is required (at most 100 characters)');
  (c.pincodes ?? []).forEach((p, i) => /^[1-9]\d{5}$/.test(p) || fail(`conditions.pincodes[${i}]`, 'format', 'must be a 6-digit pincode'));
  (c.pincodePrefixes ?? []).forEach((p, i) => /^[1-9]\d{0,4}$/.test(p) || fail(`conditions.pincodePrefixes[${i}]`, 'format', 'must be 1-5 leading digits of a pincode'));
  for (const [min, max, field] of [
    [c.codMinPaise, c.codMaxPaise, 'conditions.codMaxPaise'],
    [c.weightMinGrams, c.weightMaxGrams, 'conditions.weightMaxGrams'],
  ] as const) {
    if (min != null && max != null && max < min) fail(field, 'range', 'must not be below the minimum');
  }
  const a = input.actions ?? { warehouseId: null, courierPreference: [] };
  (a.courierPreference ?? []).forEach((code, i) => isCourierCode(code) || fail(`actions.courierPreference[${i}]`, 'unknown_courier', `${code} is not a courier Shipcrowd integrates`));
  if (new Set(a.courierPreference ?? []).size !== (a.courierPreference ?? []).length) fail('actions.courierPreference', 'unique', 'lists a courier twice');
  if (!a.warehouseId && !(a.courierPreference ?? []).length) fail('actions', 'required', 'needs a warehouse or a courier preference');
  if (errors.length) throw new DomainError('routing_rule.invalid', errors.map((e) => `${e.field}: ${e.message}`).join('; '), 'validation', { errors });
  return {
    name: input.name.trim(),
    enabled: input.enabled ?? true,
    conditions: { ...c, tagsAny: c.tagsAny?.map((t) => t.toLowerCase()), channels: c.channels?.map((t) => t.toLowerCase()) },
    actions: { warehouseId: a.warehouseId ?? null, courierPreference: a.courierPreference ?? [] },
  };
}
