import { Injectable } from '@nestjs/common';
import { and, count, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { NotFoundError } from '@shipcrowd/kernel';
import { updateVersioned, UnitOfWork } from '@shipcrowd/platform';
import { Company } from '../../domain/company';
import { CustomRole } from '../../domain/custom-role';
import { Invitation } from '../../domain/invitation';
import { Membership } from '../../domain/membership';
import { CompanyRepository, CustomRoleRepository, InvitationRepository, MembershipRepository } from '../../domain/repositories';
import { companies, customRoles, invitations, memberships } from './companies.schema';

type CompanyRow = typeof companies.$inferSelect;

export function companyFromRow(row: CompanyRow): Company {
  return Company.restore(row.id, row.version, {
    profile: { name: row.name, displayName: row.displayName, website: row.website, supportEmail: row.supportEmail, supportPhone: row.supportPhone, address: row.address },
    billing: row.legalName && row.pan && row.billingAddress ? { legalName: row.legalName, gstin: row.gstin, pan: row.pan, address: row.billingAddress } : null,
    branding: { primaryColor: row.primaryColor, secondaryColor: row.secondaryColor, logoKey: row.logoKey },
    status: row.status,
    statusReason: row.statusReason,
    kycSubmittedAt: row.kycSubmittedAt,
    reviewedAt: row.reviewedAt,
    reviewedBy: row.reviewedBy,
    deletionScheduledFor: row.deletionScheduledFor,
    deletionRequestedBy: row.deletionRequestedBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}

function companyColumns(company: Company) {
  const p = company.props;
  return {
    name: p.profile.name,
    displayName: p.profile.displayName,
    website: p.profile.website,
    supportEmail: p.profile.supportEmail,
    supportPhone: p.profile.supportPhone,
    address: p.profile.address,
    legalName: p.billing?.legalName ?? null,
    gstin: p.billing?.gstin ?? null,
    pan: p.billing?.pan ?? null,
    billingAddress: p.billing?.address ?? null,
    primaryColor: p.branding.primaryColor,
    secondaryColor: p.branding.secondaryColor,
    logoKey: p.branding.logoKey,
    status: p.status,
    statusReason: p.statusReason,
    kycSubmittedAt: p.kycSubmittedAt,
    reviewedAt: p.reviewedAt,
    reviewedBy: p.reviewedBy,
    deletionScheduledFor: p.deletionScheduledFor,
    deletionRequestedBy: p.deletionRequestedBy,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

@Injectable()
export class DrizzleCompanyRepository extends CompanyRepository {
  constructor(private readonly uow: UnitOfWork) {
    super();
  }

  async get(id: string): Promise<Company> {
    const [row] = await this.uow.tx().select().from(companies).where(eq(companies.id, id));
    if (!row) throw new NotFoundError('Company', id);
    return companyFromRow(row);
  }

  async insert(company: Company): Promise<void> {
    await this.uow.tx().insert(companies).values({ id: company.id, version: company.version, ...companyColumns(company) });
    await this.uow.publish(company.pullEvents());
  }

  async save(company: Company): Promise<void> {
    const version = await updateVersioned(this.uow.tx(), companies, 'Company', company.id, company.version, companyColumns(company));
    company.markSaved(version);
    await this.uow.publish(company.pullEvents());
  }

  async dueForPurge(now: Date, limit: number): Promise<string[]> {
    const rows = await this.uow
      .tx()
      .select({ id: companies.id })
      .from(companies)
      .where(and(isNotNull(companies.deletionScheduledFor), lte(companies.deletionScheduledFor, now)))
      .orderBy(companies.deletionScheduledFor)
      .limit(limit);
    return rows.map((r) => r.id);
  }

  async purge(id: string): Promise<void> {
    const tx = this.uow.tx();
    await tx.delete(invitations).where(eq(invitations.companyId, id));
    await tx.delete(customRoles).where(eq(customRoles.companyId, id));
    await tx.delete(memberships).where(eq(memberships.companyId, id));
    await tx.delete(companies).where(eq(companies.id, id));
  }
}

type MembershipRow = typeof memberships.$inferSelect;

function membershipFromRow(row: MembershipRow): Membership {
  return Membership.restore(row.id, row.version, {
    companyId: row.companyId,
    userId: row.userId,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}

@Injectable()
export class DrizzleMembershipRepository extends MembershipRepository {
  constructor(private readonly uow: UnitOfWork) {
    super();
  }

  async find(companyId: string, userId: string): Promise<Membership | null> {
    const [row] = await this.uow.tx().select().from(memberships).where(and(eq(memberships.companyId, companyId), eq(memberships.userId, userId)));
    return row ? membershipFromRow(row) : null;
  }

  async get(companyId: string, userId: string): Promise<Membership> {
    const found = await this.find(companyId, userId);
    if (!found) throw new NotFoundError('Member', userId);
    return found;
  }

  async findByEmail(companyId: string, email: string): Promise<Membership | null> {
    const [row] = await this.uow.tx().select().from(memberships).where(and(eq(memberships.companyId, companyId), eq(memberships.email, email)));
    return row ? membershipFromRow(row) : null;
  }

  async insert(m: Membership): Promise<void> {
    await this.uow.tx().insert(memberships).values({ id: m.id, version: m.version, ...m.props });
    await this.uow.publish(m.pullEvents());
  }

  async save(m: Membership): Promise<void> {
    const { role, status, name, updatedAt } = m.props;
    const version = await updateVersioned(this.uow.tx(), memberships, 'Membership', m.id, m.version, { role, status, name, updatedAt });
    m.markSaved(version);
    await this.uow.publish(m.pullEvents());
  }

  async delete(m: Membership): Promise<void> {
    const rows = await this.uow
      .tx()
      .delete(memberships)
      .where(and(eq(memberships.id, m.id), eq(memberships.version, m.version)))
      .returning({ id: memberships.id });
    if (rows.length === 0) throw new NotFoundError('Member', m.props.userId);
    await this.uow.publish(m.pullEvents());
  }

  async countActiveOwners(companyId: string): Promise<number> {
    // Locks the owners so two concurrent demotions cannot both see "another owner remains".
    const rows = await this.uow
      .tx()
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.companyId, companyId), eq(memberships.role, 'owner'), eq(memberships.status, 'active')))
      .for('update');
    return rows.length;
  }

  async count(companyId: string): Promise<number> {
    const [row] = await this.uow.tx().select({ n: count() }).from(memberships).where(eq(memberships.companyId, companyId));
    return Number(row.n);
  }

  async countWithRole(companyId: string, role: string): Promise<number> {
    const [row] = await this.uow.tx().select({ n: count() }).from(memberships).where(and(eq(memberships.companyId, companyId), eq(memberships.role, role)));
    return Number(row.n);
  }
}

type InvitationRow = typeof invitations.$inferSelect;

const pending = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

@Injectable()
export class DrizzleInvitationRepository extends InvitationRepository {
  constructor(private readonly uow: UnitOfWork) {
    super();
  }

  async findById(companyId: string, id: string): Promise<Invitation | null> {
    const [row] = await this.uow.tx().select().from(invitations).where(and(eq(invitations.companyId, companyId), eq(invitations.id, id)));
    return row ? new Invitation({ ...row }) : null;
  }

  async findPendingByEmail(companyId: string, email: string): Promise<Invitation | null> {
    const [row] = await this.uow.tx().select().from(invitations).where(and(eq(invitations.companyId, companyId), eq(invitations.email, email), pending));
    return row ? new Invitation({ ...(row as InvitationRow) }) : null;
  }

  async findByTokenHash(tokenHash: string): Promise<Invitation | null> {
    const [row] = await this.uow.tx().select().from(invitations).where(eq(invitations.tokenHash, tokenHash));
    return row ? new Invitation({ ...row }) : null;
  }

  async countPending(companyId: string): Promise<number> {
    const [row] = await this.uow
      .tx()
      .select({ n: count() })
      .from(invitations)
      .where(and(eq(invitations.companyId, companyId), pending, sql`${invitations.expiresAt} > now()`));
    return Number(row.n);
  }

  async countPendingWithRole(companyId: string, role: string): Promise<number> {
    const [row] = await this.uow.tx().select({ n: count() }).from(invitations).where(and(eq(invitations.companyId, companyId), eq(invitations.role, role), pending));
    return Number(row.n);
  }

  async insert(invitation: Invitation): Promise<void> {
    await this.uow.tx().insert(invitations).values(invitation.props);
  }

  async update(invitation: Invitation): Promise<void> {
    const { id, companyId, ...rest } = invitation.props;
    await this.uow.tx().update(invitations).set(rest).where(and(eq(invitations.id, id), eq(invitations.companyId, companyId)));
  }
}

@Injectable()
export class DrizzleCustomRoleRepository extends CustomRoleRepository {
  constructor(private readonly uow: UnitOfWork) {
    super();
  }

  async find(companyId: string, key: string): Promise<CustomRole | null> {
    const [row] = await this.uow.tx().select().from(customRoles).where(and(eq(customRoles.companyId, companyId), eq(customRoles.key, key)));
    if (!row) return null;
    const { id, version, ...props } = row;
    return CustomRole.restore(id, version, props);
  }

  async insert(role: CustomRole): Promise<void> {
    await this.uow.tx().insert(customRoles).values({ id: role.id, version: role.version, ...role.props });
  }

  async save(role: CustomRole): Promise<void> {
    const { name, description, permissions, updatedAt } = role.props;
    role.markSaved(await updateVersioned(this.uow.tx(), customRoles, 'Role', role.id, role.version, { name, description, permissions, updatedAt }));
  }

  async delete(role: CustomRole): Promise<void> {
    await this.uow.tx().delete(customRoles).where(and(eq(customRoles.id, role.id), eq(customRoles.companyId, role.props.companyId)));
  }
}

