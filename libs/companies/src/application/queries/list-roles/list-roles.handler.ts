import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { asc, eq } from 'drizzle-orm';
import { UnitOfWork } from '@shipcrowd/platform';
import { BUILT_IN_ROLES } from '../../../domain/roles';
import { customRoles } from '../../../infrastructure/persistence/companies.schema';
import { ListRoles, RoleView } from './list-roles.query';

@QueryHandler(ListRoles)
export class ListRolesHandler implements IQueryHandler<ListRoles, RoleView[]> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ companyId, userId }: ListRoles): Promise<RoleView[]> {
    const builtIns: RoleView[] = Object.entries(BUILT_IN_ROLES).map(([key, role]) => ({ key, name: role.name, description: null, builtIn: true, permissions: [...role.permissions], version: null }));
    const custom = await this.uow.run({ companyId, userId }, (tx) => tx.select().from(customRoles).where(eq(customRoles.companyId, companyId)).orderBy(asc(customRoles.key)));
    return [...builtIns, ...custom.map((r) => ({ key: r.key, name: r.name, description: r.description, builtIn: false, permissions: r.permissions, version: r.version }))];
  }
}
