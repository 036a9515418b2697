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
  acceptInvitation(input: { token: string; userId: string; email: string }): Promise<{ companyId: string }>;
  /** Active memberships of a user (for login and company switching). */
  membershipsOf(userId: string): Promise<MembershipView[]>;
  membershipOf(userId: string, companyId: string): Promise<MembershipView | null>;
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
} as const;

export type Permission = keyof typeof PERMISSIONS;
