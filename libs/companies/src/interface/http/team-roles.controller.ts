import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@shipcrowd/kernel';
import { ApiProblems, Authenticated, CurrentPrincipal, Principal, RequirePermissions } from '@shipcrowd/platform';
import { PERMISSIONS } from '../../../contracts';
import { CreateCustomRole, DeleteCustomRole, UpdateCustomRole } from '../../application/commands/custom-roles/custom-roles.commands';
import { ListRoles, RoleView } from '../../application/queries/list-roles/list-roles.query';
import { BUILT_IN_ROLES } from '../../domain/roles';
import { CreateRoleDto, PermissionDto, PermissionListDto, RoleDto, RoleListDto, UpdateRoleDto } from './dto/team.dto';
import { actorOf } from './http-helpers';

@ApiTags('team')
@Controller('v1/team/roles')
export class TeamRolesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermissions('team.read')
  @ApiOperation({ summary: 'List roles: the built-ins (owner, admin, manager, member, viewer) and the company\'s custom roles' })
  @ApiOkResponse({ type: RoleListDto })
  async listRoles(@CurrentPrincipal() principal: Principal): Promise<{ items: RoleView[] }> {
    return { items: await this.roles(principal) };
  }

  @Post()
  @RequirePermissions('roles.manage')
  @ApiOperation({ summary: 'Create a custom role from the permission catalogue', description: 'company.delete is reserved for owners; you can only grant permissions you hold.' })
  @ApiCreatedResponse({ type: RoleDto })
  @ApiProblems(409)
  async createRole(@CurrentPrincipal() principal: Principal, @Body() body: CreateRoleDto): Promise<RoleView> {
    await this.commands.execute(new CreateCustomRole(actorOf(principal), { key: body.key, name: body.name, description: body.description ?? null, permissions: body.permissions }));
    return this.role(principal, body.key);
  }

  @Patch(':key')
  @RequirePermissions('roles.manage')
  @ApiOperation({ summary: 'Edit a custom role (name, description, permissions)' })
  @ApiParam({ name: 'key', example: 'warehouse_lead' })
  @ApiOkResponse({ type: RoleDto })
  @ApiProblems(404, 409)
  async updateRole(@CurrentPrincipal() principal: Principal, @Param('key') key: string, @Body() body: UpdateRoleDto): Promise<RoleView> {
    await this.commands.execute(new UpdateCustomRole(actorOf(principal), key, { name: body.name, description: body.description, permissions: body.permissions }, body.version));
    return this.role(principal, key);
  }

  @Delete(':key')
  @HttpCode(204)
  @RequirePermissions('roles.manage')
  @ApiOperation({ summary: 'Delete a custom role (refused while members or pending invitations hold it)' })
  @ApiParam({ name: 'key', example: 'warehouse_lead' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404, 409)
  async deleteRole(@CurrentPrincipal() principal: Principal, @Param('key') key: string): Promise<void> {
    await this.commands.execute(new DeleteCustomRole(actorOf(principal), key));
  }

  private roles(principal: Principal): Promise<RoleView[]> {
    const actor = actorOf(principal);
    return this.queries.execute(new ListRoles(actor.companyId, actor.userId));
  }

  private async role(principal: Principal, key: string): Promise<RoleView> {
    const found = (await this.roles(principal)).find((r) => r.key === key);
    if (!found) throw new DomainError('role.not_found', `No role ${key} in this company.`, 'not_found');
    return found;
  }
}

@ApiTags('team')
@Controller('v1/permissions')
export class PermissionsController {
  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'The permission catalogue, with what each permission allows and which built-in roles hold it' })
  @ApiOkResponse({ type: PermissionListDto })
  listPermissions(): PermissionListDto {
    const items: PermissionDto[] = Object.entries(PERMISSIONS).map(([key, description]) => ({
      key,
      description,
      builtInRoles: Object.entries(BUILT_IN_ROLES)
        .filter(([, role]) => (role.permissions as readonly string[]).includes(key))
        .map(([name]) => name),
    }));
    return { items };
  }
}
