import { DomainError } from '@shipcrowd/kernel';
import { assertCanActivate, assertCanReview, assertCanSubmit, assertEditable, deleteRefusal, pickApplicableCard, retireRefusal, VersionFacts } from './rate-card';

const v = (status: VersionFacts['status'], createdBy = 'maker', submittedBy: string | null = null): VersionFacts => ({ status, createdBy, submittedBy });
const code = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return null;
};

describe('rate card lifecycle', () => {
  it('edits only drafts and rejected versions', () => {
    expect(code(() => assertEditable(v('draft'), 1))).toBeNull();
    expect(code(() => assertEditable(v('rejected'), 1))).toBeNull();
    for (const s of ['pending_approval', 'approved', 'active', 'retired'] as const) expect(code(() => assertEditable(v(s), 1))).toBe('rate_card.version_immutable');
  });

  it('submits drafts only', () => {
    expect(code(() => assertCanSubmit(v('draft'), 1))).toBeNull();
    expect(code(() => assertCanSubmit(v('approved'), 1))).toBe('rate_card.invalid_transition');
  });

  it('needs a different admin to review (maker-checker)', () => {
    const pending = v('pending_approval', 'maker', 'submitter');
    expect(code(() => assertCanReview(pending, 1, 'checker'))).toBeNull();
    expect(code(() => assertCanReview(pending, 1, 'maker'))).toBe('rate_card.same_admin');
    expect(code(() => assertCanReview(pending, 1, 'submitter'))).toBe('rate_card.same_admin');
    expect(code(() => assertCanReview(v('draft'), 1, 'checker'))).toBe('rate_card.invalid_transition');
  });

  it('activates approved versions once effective', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    expect(code(() => assertCanActivate(v('approved'), 1, new Date('2026-02-01T00:00:00Z'), now))).toBeNull();
    expect(code(() => assertCanActivate(v('approved'), 1, new Date('2026-04-01T00:00:00Z'), now))).toBe('rate_card.not_yet_effective');
    expect(code(() => assertCanActivate(v('pending_approval'), 1, now, now))).toBe('rate_card.invalid_transition');
  });

  it('refuses to retire an active base card and to delete cards in use or with history', () => {
    const card = { scope: 'base' as const, courier: 'delhivery', service: 'surface', hasActiveVersion: true, everApproved: true };
    expect(retireRefusal(card)).toMatch(/active base card for delhivery\/surface/);
    expect(retireRefusal({ ...card, scope: 'company' })).toBeNull();
    expect(deleteRefusal(card)).toMatch(/active version/);
    expect(deleteRefusal({ ...card, hasActiveVersion: false })).toMatch(/approved history/);
    expect(deleteRefusal({ ...card, hasActiveVersion: false, everApproved: false })).toBeNull();
  });

  it('picks company override > vip > b2b > base', () => {
    const cards = [
      { id: 'base', scope: 'base' as const, companyId: null },
      { id: 'b2b', scope: 'b2b' as const, companyId: null },
      { id: 'vip', scope: 'vip' as const, companyId: null },
      { id: 'mine', scope: 'company' as const, companyId: 'c1' },
      { id: 'theirs', scope: 'company' as const, companyId: 'c2' },
    ];
    const pick = (companyId: string, tier: 'standard' | 'vip', b2b: boolean, from = cards) => pickApplicableCard(from, { companyId, tier, b2b })?.id;
    expect(pick('c1', 'standard', false)).toBe('mine');
    expect(pick('c3', 'vip', true)).toBe('vip');
    expect(pick('c3', 'standard', true)).toBe('b2b');
    expect(pick('c3', 'standard', false)).toBe('base');
    expect(pick('c3', 'standard', false, [])).toBeUndefined();
  });
});
