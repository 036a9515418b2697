import { DomainError } from '@shipcrowd/kernel';

export type MembershipStatus = 'active' | 'deactivated';

/** The facts the team rules need about a member. */
export interface MemberFacts {
  userId: string;
  role: string;
  status: MembershipStatus;
}

export const MAX_MEMBERS_PER_COMPANY = 200;

/**
 * Rules for changing someone's membership:
 * - nobody changes their own membership (no self-promotion, no locking yourself out);
 * - a deactivated member manages nobody;
 * - only an owner may grant the owner role, or change, deactivate or remove an owner;
 * - the last active owner can never be demoted, deactivated or removed.
 */
export function assertMayManage(actor: MemberFacts, target: MemberFacts): void {
  assertActive(actor);
  if (actor.userId === target.userId) throw new DomainError('team.cannot_change_self', 'You cannot change your own membership; ask another owner or admin.', 'forbidden');
  if (target.role === 'owner' && actor.role !== 'owner') throw new DomainError('team.owner_required', 'Only an owner can change another owner.', 'forbidden');
}

export function assertMayGrant(actor: MemberFacts, role: string): void {
  assertActive(actor);
  if (role === 'owner' && actor.role !== 'owner') throw new DomainError('team.owner_required', 'Only an owner can grant the owner role.', 'forbidden');
}

/** A deactivated member's leftover token or key must not manage anyone. */
export function assertActive(actor: MemberFacts): void {
  if (actor.status !== 'active') throw new DomainError('team.actor_deactivated', 'Your membership in this company is deactivated.', 'forbidden');
}

/** `activeOwners` counts active owners including the target. */
export function assertKeepsAnOwner(target: MemberFacts, activeOwners: number, change: 'demote' | 'deactivate' | 'remove'): void {
  if (target.role === 'owner' && target.status === 'active' && activeOwners <= 1) {
    throw new DomainError('team.last_owner', `The last owner cannot be ${change === 'demote' ? 'demoted' : change === 'deactivate' ? 'deactivated' : 'removed'}; make someone else an owner first.`, 'conflict');
  }
}

export function assertRoomForMore(currentMembers: number, pendingInvitations: number): void {
  if (currentMembers + pendingInvitations >= MAX_MEMBERS_PER_COMPANY) {
    throw new DomainError('team.member_limit', `A company can have at most ${MAX_MEMBERS_PER_COMPANY} members (pending invitations included).`, 'conflict');
  }
}
