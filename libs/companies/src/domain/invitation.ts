import { DomainError } from '@shipcrowd/kernel';

export const INVITATION_TTL_DAYS = 7;

export interface InvitationProps {
  id: string;
  companyId: string;
  email: string;
  role: string;
  tokenHash: string;
  invitedBy: string;
  expiresAt: Date;
  acceptedAt: Date | null;
  acceptedBy: string | null;
  revokedAt: Date | null;
  createdAt: Date;
}

export class Invitation {
  constructor(readonly props: InvitationProps) {}

  static issue(input: { id: string; companyId: string; email: string; role: string; tokenHash: string; invitedBy: string; now: Date }): Invitation {
    return new Invitation({
      ...input,
      email: normaliseEmail(input.email),
      expiresAt: expiryFrom(input.now),
      acceptedAt: null,
      acceptedBy: null,
      revokedAt: null,
      createdAt: input.now,
    });
  }

  get pending(): boolean {
    return !this.props.acceptedAt && !this.props.revokedAt;
  }

  /** Re-inviting a pending email: a fresh token and a fresh week; the role may change. */
  refresh(tokenHash: string, role: string, invitedBy: string, now: Date): void {
    Object.assign(this.props, { tokenHash, role, invitedBy, expiresAt: expiryFrom(now) });
  }

  revoke(now: Date): void {
    if (!this.pending) throw new DomainError('invitation.not_pending', 'This invitation was already accepted or revoked.', 'conflict');
    this.props.revokedAt = now;
  }

  accept(userId: string, email: string, now: Date): void {
    if (!this.pending) throw new DomainError('invitation.not_pending', 'This invitation was already accepted or revoked.', 'conflict');
    if (this.props.expiresAt.getTime() <= now.getTime()) throw new DomainError('invitation.expired', 'This invitation has expired; ask for a new one.', 'rule');
    if (normaliseEmail(email) !== this.props.email) throw new DomainError('invitation.email_mismatch', 'This invitation was sent to a different email address.', 'forbidden');
    this.props.acceptedAt = now;
    this.props.acceptedBy = userId;
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function expiryFrom(now: Date): Date {
  return new Date(now.getTime() + INVITATION_TTL_DAYS * 24 * 3600 * 1000);
}
