import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, DomainError, newId } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { CustomRole } from '../../../domain/custom-role';
import { CustomRoleRepository, InvitationRepository, MembershipRepository } from '../../../domain/repositories';
import { assertValidCustomRole, isBuiltInRole } from '../../../domain/roles';
import { companyScope, expectVersion } from '../../actor';
import { CompaniesAudit } from '../../companies-audit';
import { CreateCustomRole, DeleteCustomRole, UpdateCustomRole } from './custom-roles.commands';

function builtInIsFixed(key: string): never {
  throw new DomainError('roles.built_in', `${key} is a built-in role and cannot be changed or deleted.`, 'conflict');
}

async function load(roles: CustomRoleRepository, companyId: string, key: string): Promise<CustomRole> {
  if (isBuiltInRole(key)) builtInIsFixed(key);
  const role = await roles.find(companyId, key);
  if (!role) throw new DomainError('role.not_found', `No role ${key} in this company.`, 'not_found');
  return role;
}

@CommandHandler(CreateCustomRole)
export class CreateCustomRoleHandler implements ICommandHandler<CreateCustomRole, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly roles: CustomRoleRepository,
    private readonly audit: CompaniesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor, role }: CreateCustomRole): Promise<void> {
    assertValidCustomRole(role, actor.permissions);
    return this.uow.run(companyScope(actor), async () => {
      if (await this.roles.find(actor.companyId, role.key)) throw new DomainError('roles.key_taken', `A role with key ${role.key} already exists.`, 'conflict');
      const now = this.clock.now();
      await this.roles.insert(CustomRole.define(newId(), { companyId: actor.companyId, key: role.key, name: role.name, description: role.description ?? null, permissions: role.permissions, createdAt: now, updatedAt: now }));
      await this.audit.byMember(actor, 'roles.created', { type: 'role', id: role.key }, null, { name: role.name, permissions: role.permissions });
    });
  }
}

@CommandHandler(UpdateCustomRole)
export class UpdateCustomRoleHandler implements ICommandHandler<UpdateCustomRole, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly roles: CustomRoleRepository,
    private readonly audit: CompaniesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor, key, patch, expectedVersion }: UpdateCustomRole): Promise<void> {
    if (isBuiltInRole(key)) builtInIsFixed(key);
    assertValidCustomRole({ permissions: patch.permissions }, actor.permissions);
    return this.uow.run(companyScope(actor), async () => {
      const role = await load(this.roles, actor.companyId, key);
      expectVersion(role, 'Role', expectedVersion);
      const before = { name: role.props.name, description: role.props.description, permissions: [...role.props.permissions] };
      role.edit(patch, this.clock.now());
      await this.roles.save(role);
      await this.audit.byMember(actor, 'roles.updated', { type: 'role', id: key }, before, { name: role.props.name, description: role.props.description, permissions: role.props.permissions });
    });
  }
}

@CommandHandler(DeleteCustomRole)
export class DeleteCustomRoleHandler implements ICommandHandler<DeleteCustomRole, void> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly roles: CustomRoleRepository,
    private readonly memberships: MembershipRepository,
    private readonly invitations: InvitationRepository,
    private readonly audit: CompaniesAudit,
  ) {}

  execute({ actor, key }: DeleteCustomRole): Promise<void> {
    return this.uow.run(companyScope(actor), async () => {
      const role = await load(this.roles, actor.companyId, key);
      const assigned = await this.memberships.countWithRole(actor.companyId, key);
      const invited = await this.invitations.countPendingWithRole(actor.companyId, key);
      if (assigned + invited > 0) {
        throw new DomainError('roles.in_use', `${key} is held by ${assigned} member(s) and ${invited} pending invitation(s); reassign them first.`, 'conflict', { members: assigned, invitations: invited });
      }
      await this.roles.delete(role);
      await this.audit.byMember(actor, 'roles.deleted', { type: 'role', id: key }, { name: role.props.name, permissions: role.props.permissions }, null);
    });
  }
}
