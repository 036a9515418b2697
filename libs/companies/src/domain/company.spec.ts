import { DomainError } from '@shipcrowd/kernel';
import { BillingDetails, Company, CompanyStatus, STATUS_TRANSITIONS } from './company';

const now = new Date('2026-01-01T00:00:00Z');
const billing: BillingDetails = { legalName: 'Chai Point Retail Pvt Ltd', gstin: '29AAFCC9980M1ZR', pan: 'AAFCC9980M', address: { line1: '12 MG Road', city: 'Bengaluru', pincode: '560001', stateCode: '29' } };

function companyIn(status: CompanyStatus): Company {
  const c = Company.create({ id: 'c1', name: 'Chai Point', ownerUserId: 'u1', now });
  c.setBillingDetails(billing, now);
  c.pullEvents();
  return Company.restore('c1', 1, { ...c.props, status });
}

function attempt(c: Company, action: keyof typeof STATUS_TRANSITIONS): void {
  if (action === 'submit_kyc') c.submitKyc('u1', now);
  else if (action === 'approve') c.approve('admin', now);
  else if (action === 'reject') c.reject('admin', 'blurry PAN', now);
  else if (action === 'suspend') c.suspend('admin', 'fraud review', now);
  else c.reinstate('admin', now);
}

describe('Company status workflow', () => {
  const statuses: CompanyStatus[] = ['pending_kyc', 'kyc_submitted', 'approved', 'rejected', 'suspended'];
  const cases = statuses.flatMap((from) => (Object.keys(STATUS_TRANSITIONS) as (keyof typeof STATUS_TRANSITIONS)[]).map((action) => [from, action] as const));

  it.each(cases)('from %s, %s is allowed exactly when the table says so', (from, action) => {
    const c = companyIn(from);
    const rule = STATUS_TRANSITIONS[action];
    if (rule.from.includes(from)) {
      attempt(c, action);
      expect(c.status).toBe(rule.to);
      expect(c.pullEvents()).toEqual([expect.objectContaining({ type: rule.event, companyId: 'c1', payload: expect.objectContaining({ from, to: rule.to }) })]);
    } else {
      let error: DomainError | undefined;
      try {
        attempt(c, action);
      } catch (e) {
        error = e as DomainError;
      }
      expect(error).toMatchObject({ code: 'company.invalid_transition', kind: 'conflict', details: { from, to: rule.to } });
      expect(c.status).toBe(from);
      expect(c.pullEvents()).toEqual([]);
    }
  });

  it('new companies start in pending_kyc and record CompanyCreated', () => {
    const c = Company.create({ id: 'c2', name: '  Spaced  ', ownerUserId: 'u1', now });
    expect(c.status).toBe('pending_kyc');
    expect(c.props.profile.name).toBe('Spaced');
    expect(c.pullEvents().map((e) => e.type)).toEqual(['companies.company_created']);
  });

  it('KYC needs billing details; reject and suspend need a reason', () => {
    const bare = Company.create({ id: 'c3', name: 'Bare', ownerUserId: 'u1', now });
    expect(() => bare.submitKyc('u1', now)).toThrow(expect.objectContaining({ code: 'company.billing_incomplete' }));
    expect(() => companyIn('kyc_submitted').reject('a', ' ', now)).toThrow(expect.objectContaining({ code: 'company.reason_required' }));
    expect(() => companyIn('approved').suspend('a', '', now)).toThrow(expect.objectContaining({ code: 'company.reason_required' }));
  });

  it('billing is locked during review and validated against GSTIN state and PAN', () => {
    expect(() => companyIn('kyc_submitted').setBillingDetails(billing, now)).toThrow(expect.objectContaining({ code: 'company.billing_locked' }));
    const c = companyIn('pending_kyc');
    expect(() => c.setBillingDetails({ ...billing, address: { ...billing.address, stateCode: '27' } }, now)).toThrow(
      expect.objectContaining({ details: { errors: [expect.objectContaining({ field: 'gstin', code: 'state_mismatch' })] } }),
    );
    expect(() => c.setBillingDetails({ ...billing, pan: 'AAPFU0939F' }, now)).toThrow(expect.objectContaining({ details: { errors: [expect.objectContaining({ field: 'pan', code: 'pan_mismatch' })] } }));
  });

  it('deletion needs the exact name, can be cancelled, and records events', () => {
    const c = companyIn('approved');
    expect(() => c.scheduleDeletion('chai point', 'u1', 30, now)).toThrow(expect.objectContaining({ code: 'company.confirmation_mismatch' }));
    expect(c.scheduleDeletion('Chai Point', 'u1', 30, now)).toEqual(new Date('2026-01-31T00:00:00Z'));
    expect(() => c.scheduleDeletion('Chai Point', 'u1', 30, now)).toThrow(expect.objectContaining({ code: 'company.deletion_already_scheduled' }));
    c.cancelDeletion('u1', now);
    expect(() => c.cancelDeletion('u1', now)).toThrow(expect.objectContaining({ code: 'company.deletion_not_scheduled' }));
    expect(c.pullEvents().map((e) => e.type)).toEqual(['companies.deletion_scheduled', 'companies.deletion_cancelled']);
  });
});
