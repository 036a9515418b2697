/** What other contexts may use of the companies context. */

export type BuiltInRole = 'owner' | 'admin' | 'manager' | 'member' | 'viewer';

export interface MembershipView {
  companyId: string;
  companyName: string;
  companyStatus: string;
  /** Built-in role name or a custom role's key. */
  role: string;
  permissions: string[];
  status: 'active' | 'deactivated';
}

export interface CompaniesFacade {
  /** Registration: creates the company (pending_kyc) and the owner's membership in the caller's unit of work. */
  createCompanyWithOwner(input: { ownerUserId: string; ownerEmail: string; ownerName: string; companyName: string; phone?: string }): Promise<{ companyId: string }>;
  /** Accepting an invitation during or after sign-up; throws a DomainError when the token is bad, used or expired, or the email differs. */
  acceptInvitation(input: { token: string; userId: string; email: string; /** Shown in the team list; optional. */ name?: string }): Promise<{ companyId: string }>;
  /** Active memberships of a user (for login and company switching). */
  membershipsOf(userId: string): Promise<MembershipView[]>;
  membershipOf(userId: string, companyId: string): Promise<MembershipView | null>;
  /**
   * The GST state code of the company's billing registration (first two digits of its GSTIN, else its billing
   * address's state code), or null when no billing details are set. Pricing uses it as the recipient's state.
   */
  billingStateCodeOf(companyId: string): Promise<string | null>;
  /** What documents and buyer-facing pages show of the company (labels, manifests, the public tracking page); null when unknown. */
  brandingOf(companyId: string): Promise<CompanyBranding | null>;
}

export interface CompanyBranding {
  /** Display name, else the registered name. */
  name: string;
  primaryColor: string | null;
  /** Key of the logo in file storage (FILE_STORAGE), if one was uploaded. */
  logoKey: string | null;
  supportEmail: string | null;
  supportPhone: string | null;
  website: string | null;
}

export const COMPANIES_FACADE = Symbol('CompaniesFacade');

/**
 * Every permission a role can hold. Built-in roles map to subsets (see the companies context);
 * custom roles are built from this list. Routes name one with @RequirePermissions().
 */
export const PERMISSIONS = {
  'company.read': 'See the company profile, billing details and branding',
  'company.update': 'Edit the company profile',
  'company.billing.update': 'Edit billing details (GSTIN, PAN, address)',
  'company.branding.update': 'Edit logo and colours',
  'company.kyc.submit': 'Submit the company for KYC review',
  'company.delete': 'Schedule or cancel deletion of the company',
  'team.read': 'See members, invitations and roles',
  'team.invite': 'Invite teammates',
  'team.manage': 'Change roles, deactivate, reactivate and remove members',
  'roles.manage': 'Create, edit and delete custom roles',
  'api_keys.manage': 'Create and revoke the company\'s API keys',
  'audit.read': 'Read the company\'s audit log',
  'warehouses.read': 'See pickup locations (warehouses)',
  'warehouses.manage': 'Create, edit, import and delete pickup locations',
  'orders.read': 'See, search and export orders',
  'orders.write': 'Create, edit and cancel orders',
  'orders.import': 'Bulk-import orders from CSV/XLSX and roll back an import',
  'orders.routing.manage': 'Edit order routing rules',
  'rates.read': 'Quote rates, check serviceability and read rate cards',
  'rates.manage': 'Edit the company\'s rate card overrides, custom zones, pincode blocklists and quote preferences',
  'shipments.read': 'See shipments, their tracking timelines and labels',
  'shipments.write': 'Book, cancel and print shipments; request pickups and manifests',
  'couriers.manage': 'Set, see (masked) and remove the company\'s own courier account credentials',
} as const;

export type Permission = keyof typeof PERMISSIONS;

/**
 * Command the worker's schedule sends through the CommandBus (e.g. daily): deletes companies whose
 * deletion grace period (COMPANY_DELETION_GRACE_DAYS) has ended. Returns `{ purged: string[] }`.
 */
export class PurgeScheduledCompanyDeletions {
  constructor(
    /** Defaults to the clock's now. */
    readonly now?: Date,
    /** Companies per run (default 50). */
    readonly limit?: number,
  ) {}
}

/**
 * Integration events this context writes to the outbox (payloads are JSON; `aggregateId` and
 * `companyId` are the company's id except for member events, whose aggregate is the membership).
 */
export const COMPANY_EVENTS = {
  companyCreated: 'companies.company_created',
  kycSubmitted: 'companies.kyc_submitted',
  companyApproved: 'companies.company_approved',
  companyRejected: 'companies.company_rejected',
  companySuspended: 'companies.company_suspended',
  companyReinstated: 'companies.company_reinstated',
  deletionScheduled: 'companies.deletion_scheduled',
  deletionCancelled: 'companies.deletion_cancelled',
  companyPurged: 'companies.company_purged',
  memberJoined: 'companies.member_joined',
  memberRoleChanged: 'companies.member_role_changed',
  memberDeactivated: 'companies.member_deactivated',
  memberReactivated: 'companies.member_reactivated',
  memberRemoved: 'companies.member_removed',
} as const;

/** Payload of the company status events (approved, rejected, suspended, reinstated, kyc_submitted). */
export interface CompanyStatusChangedV1 {
  from: string;
  to: string;
  reason: string | null;
  actorUserId: string;
}
