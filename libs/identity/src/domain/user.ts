import { AggregateRoot, DomainError, domainEvent } from '@shipcrowd/kernel';
import { IdentityErrors } from './identity-errors';

export type UserStatus = 'active' | 'deactivated' | 'pending_deletion';

export interface UserProps {
  email: string;
  name: string;
  passwordHash: string | null;
  phone: string | null;
  emailVerifiedAt: Date | null;
  backupEmail: string | null;
  backupEmailVerifiedAt: Date | null;
  avatarKey: string | null;
  googleSubject: string | null;
  platformAdmin: boolean;
  status: UserStatus;
  deletionScheduledFor: Date | null;
  lastCompanyId: string | null;
  passwordChangedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A person who signs in. Memberships and roles belong to the companies context. */
export class User extends AggregateRoot {
  private constructor(
    id: string,
    version: number,
    private props: UserProps,
  ) {
    super(id, version);
  }

  static register(input: { id: string; email: string; name: string; passwordHash: string | null; phone: string | null; now: Date; googleSubject?: string; emailVerified?: boolean }): User {
    const user = new User(input.id, 0, {
      email: input.email,
      name: input.name,
      passwordHash: input.passwordHash,
      phone: input.phone,
      emailVerifiedAt: input.emailVerified ? input.now : null,
      backupEmail: null,
      backupEmailVerifiedAt: null,
      avatarKey: null,
      googleSubject: input.googleSubject ?? null,
      platformAdmin: false,
      status: 'active',
      deletionScheduledFor: null,
      lastCompanyId: null,
      passwordChangedAt: input.passwordHash ? input.now : null,
      createdAt: input.now,
      updatedAt: input.now,
    });
    user.record(domainEvent('identity.user_registered.v1', input.id, null, { userId: input.id, email: input.email, via: input.googleSubject ? 'google' : 'password' }, input.now));
    return user;
  }

  static restore(id: string, version: number, props: UserProps): User {
    return new User(id, version, { ...props });
  }

  get snapshot(): Readonly<UserProps> {
    return this.props;
  }
  get email(): string {
    return this.props.email;
  }
  get name(): string {
    return this.props.name;
  }
  get passwordHash(): string | null {
    return this.props.passwordHash;
  }
  get status(): UserStatus {
    return this.props.status;
  }
  get emailVerified(): boolean {
    return this.props.emailVerifiedAt !== null;
  }
  get platformAdmin(): boolean {
    return this.props.platformAdmin;
  }
  get lastCompanyId(): string | null {
    return this.props.lastCompanyId;
  }

  /** Deactivated accounts cannot sign in; accounts pending deletion can (to cancel it). */
  assertCanSignIn(): void {
    if (this.props.status === 'deactivated') throw IdentityErrors.accountDeactivated();
  }

  verifyEmail(now: Date): void {
    if (this.props.emailVerifiedAt) throw IdentityErrors.emailAlreadyVerified();
    this.touch(now, { emailVerifiedAt: now });
    this.record(domainEvent('identity.email_verified.v1', this.id, null, { userId: this.id, email: this.props.email }, now));
  }

  changePassword(passwordHash: string, now: Date): void {
    this.touch(now, { passwordHash, passwordChangedAt: now });
  }

  /** Only after the new address proved itself with an emailed token, so it counts as verified. */
  changeEmail(newEmail: string, now: Date): void {
    const previous = this.props.email;
    this.touch(now, { email: newEmail, emailVerifiedAt: now });
    this.record(domainEvent('identity.email_changed.v1', this.id, null, { userId: this.id, from: previous, to: newEmail }, now));
  }

  setBackupEmail(email: string, now: Date): void {
    if (email === this.props.email) throw new DomainError('auth.backup_email_same', 'The backup email must differ from the sign-in email.', 'validation', { errors: [{ field: 'email', message: 'must differ from your sign-in email', code: 'same_as_email' }] });
    this.touch(now, { backupEmail: email, backupEmailVerifiedAt: null });
  }

  verifyBackupEmail(email: string, now: Date): boolean {
    if (this.props.backupEmail !== email) return false;
    this.touch(now, { backupEmailVerifiedAt: now });
    return true;
  }

  updateProfile(changes: { name?: string; phone?: string | null }, now: Date): void {
    this.touch(now, {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.phone !== undefined ? { phone: changes.phone } : {}),
    });
  }

  setAvatar(key: string, now: Date): string | null {
    const previous = this.props.avatarKey;
    this.touch(now, { avatarKey: key });
    return previous;
  }

  switchedTo(companyId: string | null, now: Date): void {
    if (this.props.lastCompanyId !== companyId) this.touch(now, { lastCompanyId: companyId });
  }

  linkGoogle(subject: string, now: Date): void {
    this.touch(now, { googleSubject: subject });
  }

  grantPlatformAdmin(now: Date): void {
    this.touch(now, { platformAdmin: true });
  }

  deactivate(now: Date): void {
    if (this.props.status === 'deactivated') return;
    this.touch(now, { status: 'deactivated' });
    this.record(domainEvent('identity.user_deactivated.v1', this.id, null, { userId: this.id }, now));
  }

  scheduleDeletion(now: Date, graceDays: number): Date {
    if (this.props.status === 'deactivated') throw IdentityErrors.accountDeactivated();
    const due = new Date(now.getTime() + graceDays * 86_400_000);
    this.touch(now, { status: 'pending_deletion', deletionScheduledFor: due });
    this.record(domainEvent('identity.user_deletion_scheduled.v1', this.id, null, { userId: this.id, deleteAfter: due.toISOString() }, now));
    return due;
  }

  cancelDeletion(now: Date): void {
    if (this.props.status !== 'pending_deletion') throw new DomainError('account.no_deletion_scheduled', 'No deletion is scheduled for this account.', 'conflict');
    this.touch(now, { status: 'active', deletionScheduledFor: null });
  }

  private touch(now: Date, changes: Partial<UserProps>): void {
    this.props = { ...this.props, ...changes, updatedAt: now };
  }
}
