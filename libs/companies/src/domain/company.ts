import { AggregateRoot, DomainError, FieldError, domainEvent } from '@shipcrowd/kernel';
import { GST_STATE_CODES, gstinProblem, isGstStateCode, panOfGstin, PAN_PATTERN, PINCODE_PATTERN } from './gst';

export type CompanyStatus = 'pending_kyc' | 'kyc_submitted' | 'approved' | 'rejected' | 'suspended';

export interface PostalAddress {
  line1: string;
  line2?: string | null;
  city: string;
  pincode: string;
  stateCode: string;
}

export interface CompanyProfile {
  name: string;
  displayName: string | null;
  website: string | null;
  supportEmail: string | null;
  supportPhone: string | null;
  address: PostalAddress | null;
}

export interface BillingDetails {
  legalName: string;
  /** Optional: sellers under the GST threshold have none. */
  gstin: string | null;
  pan: string;
  address: PostalAddress;
}

export interface Branding {
  primaryColor: string | null;
  secondaryColor: string | null;
  logoKey: string | null;
}

export interface CompanyProps {
  profile: CompanyProfile;
  billing: BillingDetails | null;
  branding: Branding;
  status: CompanyStatus;
  statusReason: string | null;
  kycSubmittedAt: Date | null;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  deletionScheduledFor: Date | null;
  deletionRequestedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type StatusAction = 'submit_kyc' | 'approve' | 'reject' | 'suspend' | 'reinstate';

/**
 * The KYC and standing workflow:
 * pending_kyc → kyc_submitted → approved | rejected; rejected → kyc_submitted (resubmit);
 * approved → suspended → approved (reinstate).
 */
export const STATUS_TRANSITIONS: Readonly<Record<StatusAction, { from: readonly CompanyStatus[]; to: CompanyStatus; event: string }>> = {
  submit_kyc: { from: ['pending_kyc', 'rejected'], to: 'kyc_submitted', event: 'companies.kyc_submitted' },
  approve: { from: ['kyc_submitted'], to: 'approved', event: 'companies.company_approved' },
  reject: { from: ['kyc_submitted'], to: 'rejected', event: 'companies.company_rejected' },
  suspend: { from: ['approved'], to: 'suspended', event: 'companies.company_suspended' },
  reinstate: { from: ['suspended'], to: 'approved', event: 'companies.company_reinstated' },
};

const COLOR = /^#[0-9A-Fa-f]{6}$/;

export class Company extends AggregateRoot {
  private constructor(id: string, version: number, private readonly state: CompanyProps) {
    super(id, version);
  }

  static create(input: { id: string; name: string; ownerUserId: string; phone?: string | null; now: Date }): Company {
    const name = input.name.trim();
    if (!name || name.length > 120) throw new DomainError('company.invalid_name', 'Company name must be 1-120 characters.', 'validation', { errors: [{ field: 'companyName', message: 'must be 1-120 characters' }] });
    const company = new Company(input.id, 1, {
      profile: { name, displayName: null, website: null, supportEmail: null, supportPhone: input.phone ?? null, address: null },
      billing: null,
      branding: { primaryColor: null, secondaryColor: null, logoKey: null },
      status: 'pending_kyc',
      statusReason: null,
      kycSubmittedAt: null,
      reviewedAt: null,
      reviewedBy: null,
      deletionScheduledFor: null,
      deletionRequestedBy: null,
      createdAt: input.now,
      updatedAt: input.now,
    });
    company.record(domainEvent('companies.company_created', input.id, input.id, { name, ownerUserId: input.ownerUserId }, input.now));
    return company;
  }

  static restore(id: string, version: number, props: CompanyProps): Company {
    return new Company(id, version, props);
  }

  get props(): Readonly<CompanyProps> {
    return this.state;
  }

  get status(): CompanyStatus {
    return this.state.status;
  }

  updateProfile(patch: Partial<CompanyProfile>, now: Date): void {
    const next = { ...this.state.profile, ...patch };
    if (next.address) assertAddress(next.address, 'address');
    if (!next.name?.trim()) throw new DomainError('company.invalid_name', 'Company name must not be empty.', 'validation', { errors: [{ field: 'name', message: 'must not be empty' }] });
    this.state.profile = next;
    this.touch(now);
  }

  /** Validates GSTIN (format, state, checksum), PAN, pincode and state, and that they agree with each other. */
  setBillingDetails(billing: BillingDetails, now: Date): void {
    if (this.state.status === 'kyc_submitted') throw new DomainError('company.billing_locked', 'Billing details cannot change while KYC is under review.', 'conflict');
    const errors: FieldError[] = [];
    if (!billing.legalName.trim()) errors.push({ field: 'legalName', message: 'must not be empty', code: 'required' });
    if (!PAN_PATTERN.test(billing.pan)) errors.push({ field: 'pan', message: 'must look like AAAAA9999A', code: 'format' });
    errors.push(...addressErrors(billing.address, ''));
    if (billing.gstin) {
      const problem = gstinProblem(billing.gstin);
      if (problem === 'format') errors.push({ field: 'gstin', message: 'must be 15 characters: state code, PAN, entity number, Z, check character', code: 'format' });
      else if (problem === 'state_code') errors.push({ field: 'gstin', message: 'starts with an unknown GST state code', code: 'state_code' });
      else if (problem === 'checksum') errors.push({ field: 'gstin', message: 'check character does not match (mistyped?)', code: 'checksum' });
      else {
        if (billing.gstin.slice(0, 2) !== billing.address.stateCode) {
          errors.push({ field: 'gstin', message: `is registered in state ${billing.gstin.slice(0, 2)} but the billing address is in ${billing.address.stateCode}`, code: 'state_mismatch' });
        }
        if (panOfGstin(billing.gstin) !== billing.pan) errors.push({ field: 'pan', message: 'does not match the PAN inside the GSTIN', code: 'pan_mismatch' });
      }
    }
    if (errors.length) throw new DomainError('company.invalid_billing', errors.length === 1 ? `${errors[0].field}: ${errors[0].message}` : `${errors.length} billing fields are invalid`, 'validation', { errors });
    this.state.billing = { ...billing, address: { ...billing.address, line2: billing.address.line2 ?? null } };
    this.touch(now);
  }

  setColors(primaryColor: string | null, secondaryColor: string | null, now: Date): void {
    for (const [field, value] of [['primaryColor', primaryColor], ['secondaryColor', secondaryColor]] as const) {
      if (value !== null && !COLOR.test(value)) throw new DomainError('company.invalid_color', `${field} must be #RRGGBB`, 'validation', { errors: [{ field, message: 'must be #RRGGBB' }] });
    }
    this.state.branding = { ...this.state.branding, primaryColor, secondaryColor };
    this.touch(now);
  }

  /** Returns the replaced logo's key so the caller can delete the file after commit. */
  setLogo(key: string, now: Date): string | null {
    const previous = this.state.branding.logoKey;
    this.state.branding = { ...this.state.branding, logoKey: key };
    this.touch(now);
    return previous;
  }

  get billingComplete(): boolean {
    return this.state.billing !== null;
  }

  submitKyc(actorUserId: string, now: Date): void {
    if (!this.billingComplete) throw new DomainError('company.billing_incomplete', 'Add billing details (legal name, PAN, address) before submitting KYC.', 'rule');
    this.transition('submit_kyc', { actorUserId, now });
    this.state.kycSubmittedAt = now;
  }

  approve(adminUserId: string, now: Date): void {
    this.transition('approve', { actorUserId: adminUserId, now });
  }

  reject(adminUserId: string, reason: string, now: Date): void {
    this.transition('reject', { actorUserId: adminUserId, now, reason: requireReason(reason) });
  }

  suspend(adminUserId: string, reason: string, now: Date): void {
    this.transition('suspend', { actorUserId: adminUserId, now, reason: requireReason(reason) });
  }

  reinstate(adminUserId: string, now: Date): void {
    this.transition('reinstate', { actorUserId: adminUserId, now });
  }

  scheduleDeletion(confirmName: string, actorUserId: string, graceDays: number, now: Date): Date {
    if (confirmName.trim() !== this.state.profile.name) {
      throw new DomainError('company.confirmation_mismatch', 'Type the company name exactly to confirm deletion.', 'validation', { errors: [{ field: 'confirmName', message: 'does not match the company name', code: 'mismatch' }] });
    }
    if (this.state.deletionScheduledFor) throw new DomainError('company.deletion_already_scheduled', 'Deletion is already scheduled.', 'conflict');
    const when = new Date(now.getTime() + graceDays * 24 * 3600 * 1000);
    this.state.deletionScheduledFor = when;
    this.state.deletionRequestedBy = actorUserId;
    this.touch(now);
    this.record(domainEvent('companies.deletion_scheduled', this.id, this.id, { scheduledFor: when.toISOString(), requestedBy: actorUserId }, now));
    return when;
  }

  cancelDeletion(actorUserId: string, now: Date): void {
    if (!this.state.deletionScheduledFor) throw new DomainError('company.deletion_not_scheduled', 'No deletion is scheduled.', 'conflict');
    this.state.deletionScheduledFor = null;
    this.state.deletionRequestedBy = null;
    this.touch(now);
    this.record(domainEvent('companies.deletion_cancelled', this.id, this.id, { cancelledBy: actorUserId }, now));
  }

  private transition(action: StatusAction, ctx: { actorUserId: string; now: Date; reason?: string }): void {
    const rule = STATUS_TRANSITIONS[action];
    const from = this.state.status;
    if (!rule.from.includes(from)) {
      throw new DomainError('company.invalid_transition', `A company cannot move from ${from} to ${rule.to}.`, 'conflict', { from, to: rule.to });
    }
    this.state.status = rule.to;
    this.state.statusReason = ctx.reason ?? null;
    if (action !== 'submit_kyc') {
      this.state.reviewedAt = ctx.now;
      this.state.reviewedBy = ctx.actorUserId;
    }
    this.touch(ctx.now);
    this.record(domainEvent(rule.event, this.id, this.id, { from, to: rule.to, reason: ctx.reason ?? null, actorUserId: ctx.actorUserId }, ctx.now));
  }

  private touch(now: Date): void {
    this.state.updatedAt = now;
  }
}

function requireReason(reason: string): string {
  const trimmed = (reason ?? '').trim();
  if (trimmed.length < 3 || trimmed.length > 1000) throw new DomainError('company.reason_required', 'Give a reason (3-1000 characters).', 'validation', { errors: [{ field: 'reason', message: 'must be 3-1000 characters' }] });
  return trimmed;
}

function addressErrors(address: PostalAddress, prefix: string): FieldError[] {
  const at = (f: string) => (prefix ? `${prefix}.${f}` : f);
  const errors: FieldError[] = [];
  if (!address.line1?.trim()) errors.push({ field: prefix ? at('line1') : 'addressLine1', message: 'must not be empty', code: 'required' });
  if (!address.city?.trim()) errors.push({ field: at('city'), message: 'must not be empty', code: 'required' });
  if (!PINCODE_PATTERN.test(address.pincode ?? '')) errors.push({ field: at('pincode'), message: 'must be 6 digits, not starting with 0', code: 'format' });
  if (!isGstStateCode(address.stateCode ?? '')) errors.push({ field: at('stateCode'), message: `must be a GST state code (${Object.keys(GST_STATE_CODES).join(', ')})`, code: 'state_code' });
  return errors;
}

function assertAddress(address: PostalAddress, prefix: string): void {
  const errors = addressErrors(address, prefix);
  if (errors.length) throw new DomainError('company.invalid_address', `${errors.length} address fields are invalid`, 'validation', { errors });
}
