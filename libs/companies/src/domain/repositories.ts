import type { Company } from './company';
import type { CustomRole } from './custom-role';
import type { Invitation } from './invitation';
import type { Membership } from './membership';

/** Ports the application layer saves aggregates through; Drizzle implementations live in infrastructure/persistence. */
export abstract class CompanyRepository {
  abstract get(id: string): Promise<Company>;
  abstract insert(company: Company): Promise<void>;
  /** Optimistic: fails with a 409 when the row moved past `company.version`. */
  abstract save(company: Company): Promise<void>;
  abstract dueForPurge(now: Date, limit: number): Promise<string[]>;
  /** Deletes the company and everything this context stores for it. */
  abstract purge(id: string): Promise<void>;
}

export abstract class MembershipRepository {
  abstract find(companyId: string, userId: string): Promise<Membership | null>;
  abstract get(companyId: string, userId: string): Promise<Membership>;
  abstract findByEmail(companyId: string, email: string): Promise<Membership | null>;
  abstract insert(membership: Membership): Promise<void>;
  abstract save(membership: Membership): Promise<void>;
  abstract delete(membership: Membership): Promise<void>;
  abstract countActiveOwners(companyId: string): Promise<number>;
  abstract count(companyId: string): Promise<number>;
  abstract countWithRole(companyId: string, role: string): Promise<number>;
}

export abstract class InvitationRepository {
  abstract findById(companyId: string, id: string): Promise<Invitation | null>;
  abstract findPendingByEmail(companyId: string, email: string): Promise<Invitation | null>;
  /** Looks across companies: the token is the only thing the invitee has. */
  abstract findByTokenHash(tokenHash: string): Promise<Invitation | null>;
  abstract countPending(companyId: string): Promise<number>;
  abstract countPendingWithRole(companyId: string, role: string): Promise<number>;
  abstract insert(invitation: Invitation): Promise<void>;
  abstract update(invitation: Invitation): Promise<void>;
}

export abstract class CustomRoleRepository {
  abstract find(companyId: string, key: string): Promise<CustomRole | null>;
  abstract insert(role: CustomRole): Promise<void>;
  abstract save(role: CustomRole): Promise<void>;
  abstract delete(role: CustomRole): Promise<void>;
}
