import { Injectable } from '@nestjs/common';
import { DomainError } from '@shipcrowd/kernel';
import { BUILT_IN_ROLES, isBuiltInRole } from '../domain/roles';
import { CustomRoleRepository } from '../domain/repositories';

/** Resolves role names (built-in or a company's custom key) to permissions, inside the open unit of work. */
@Injectable()
export class RoleCatalogue {
  constructor(private readonly customRoles: CustomRoleRepository) {}

  async permissionsOf(companyId: string, role: string): Promise<string[]> {
    if (isBuiltInRole(role)) return [...BUILT_IN_ROLES[role].permissions];
    const custom = await this.customRoles.find(companyId, role);
    return custom ? [...custom.props.permissions] : [];
  }

  async assertExists(companyId: string, role: string, field = 'role'): Promise<void> {
    if (isBuiltInRole(role)) return;
    if (await this.customRoles.find(companyId, role)) return;
    throw new DomainError('roles.unknown_role', `${role} is neither a built-in role nor one of this company's roles.`, 'validation', {
      errors: [{ field, message: 'is not a known role', code: 'unknown_role' }],
    });
  }
}
