import { AggregateRoot, domainEvent } from '@shipcrowd/kernel';
import { MembershipStatus } from './team-rules';

export interface MembershipProps {
  companyId: string;
  userId: string;
  email: string;
  name: string | null;
  role: string;
  status: MembershipStatus;
  createdAt: Date;
  updatedAt: Date;
}

export class Membership extends AggregateRoot {
  private constructor(id: string, version: number, private readonly state: MembershipProps) {
    super(id, version);
  }

  static join(input: { id: string; companyId: string; userId: string; email: string; name: string | null; role: string; now: Date; via: 'registration' | 'invitation' }): Membership {
    const m = new Membership(input.id, 1, {
      companyId: input.companyId,
      userId: input.userId,
      email: input.email.trim().toLowerCase(),
      name: input.name,
      role: input.role,
      status: 'active',
      createdAt: input.now,
      updatedAt: input.now,
    });
    m.record(domainEvent('companies.member_joined', input.id, input.companyId, { userId: input.userId, role: input.role, via: input.via }, input.now));
    return m;
  }

  static restore(id: string, version: number, props: MembershipProps): Membership {
    return new Membership(id, version, props);
  }

  get props(): Readonly<MembershipProps> {
    return this.state;
  }

  changeRole(role: string, by: string, now: Date): void {
    const from = this.state.role;
    this.state.role = role;
    this.state.updatedAt = now;
    this.record(domainEvent('companies.member_role_changed', this.id, this.state.companyId, { userId: this.state.userId, from, to: role, by }, now));
  }

  deactivate(by: string, now: Date): void {
    this.state.status = 'deactivated';
    this.state.updatedAt = now;
    this.record(domainEvent('companies.member_deactivated', this.id, this.state.companyId, { userId: this.state.userId, by }, now));
  }

  reactivate(by: string, now: Date): void {
    this.state.status = 'active';
    this.state.updatedAt = now;
    this.record(domainEvent('companies.member_reactivated', this.id, this.state.companyId, { userId: this.state.userId, by }, now));
  }

  markRemoved(by: string, now: Date): void {
    this.record(domainEvent('companies.member_removed', this.id, this.state.companyId, { userId: this.state.userId, by }, now));
  }
}
