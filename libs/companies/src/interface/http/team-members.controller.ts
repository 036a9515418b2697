import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@shipcrowd/kernel';
import { ApiProblems, CurrentPrincipal, Page, pageLimit, Principal, RequirePermissions, toPage } from '@shipcrowd/platform';
import { ChangeMemberRole } from '../../application/commands/change-member-role/change-member-role.command';
import { RemoveMember } from '../../application/commands/remove-member/remove-member.command';
import { DeactivateMember, ReactivateMember } from '../../application/commands/set-member-status/set-member-status.command';
import { ListMembers, MemberView } from '../../application/queries/list-members/list-members.query';
import { ChangeRoleDto, ListMembersQueryDto, MemberDto, MemberPageDto } from './dto/team.dto';
import { actorOf, idCursor, UuidOr404 } from './http-helpers';

type PublicMember = Omit<MemberView, 'id'>;

/**
 * Rules (see domain/team-rules.ts): you cannot change yourself; only an owner grants the owner role or
 * changes another owner; the last active owner stays. Deactivating or removing signs the person out.
 */
@ApiTags('team')
@Controller('v1/team/members')
export class TeamMembersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermissions('team.read')
  @ApiOperation({ summary: 'List members, filtered by role or status, searched by name or email' })
  @ApiOkResponse({ type: MemberPageDto })
  async listMembers(@CurrentPrincipal() principal: Principal, @Query() query: ListMembersQueryDto): Promise<Page<PublicMember>> {
    const actor = actorOf(principal);
    const limit = pageLimit(query);
    const rows = await this.queries.execute<ListMembers, MemberView[]>(
      new ListMembers(actor.companyId, actor.userId, { role: query.role, status: query.status, q: query.q?.trim() || undefined, cursor: idCursor(query.cursor), limit }),
    );
    const page = toPage(rows, limit, (r) => ({ id: r.id }));
    return { items: page.items.map(({ id: _id, ...member }) => member), nextCursor: page.nextCursor };
  }

  @Patch(':userId')
  @RequirePermissions('team.manage')
  @ApiOperation({ summary: 'Change a member\'s role' })
  @ApiParam({ name: 'userId', format: 'uuid' })
  @ApiOkResponse({ type: MemberDto })
  @ApiProblems(404, 409)
  async changeMemberRole(@CurrentPrincipal() principal: Principal, @Param('userId', new UuidOr404('member')) userId: string, @Body() body: ChangeRoleDto): Promise<PublicMember> {
    await this.commands.execute(new ChangeMemberRole(actorOf(principal), userId, body.role, body.version));
    return this.member(principal, userId);
  }

  @Post(':userId/deactivate')
  @HttpCode(200)
  @RequirePermissions('team.manage')
  @ApiOperation({ summary: 'Deactivate a member (keeps the membership, signs them out everywhere)' })
  @ApiParam({ name: 'userId', format: 'uuid' })
  @ApiOkResponse({ type: MemberDto })
  @ApiProblems(404, 409)
  async deactivateMember(@CurrentPrincipal() principal: Principal, @Param('userId', new UuidOr404('member')) userId: string): Promise<PublicMember> {
    await this.commands.execute(new DeactivateMember(actorOf(principal), userId));
    return this.member(principal, userId);
  }

  @Post(':userId/reactivate')
  @HttpCode(200)
  @RequirePermissions('team.manage')
  @ApiOperation({ summary: 'Reactivate a deactivated member' })
  @ApiParam({ name: 'userId', format: 'uuid' })
  @ApiOkResponse({ type: MemberDto })
  @ApiProblems(404)
  async reactivateMember(@CurrentPrincipal() principal: Principal, @Param('userId', new UuidOr404('member')) userId: string): Promise<PublicMember> {
    await this.commands.execute(new ReactivateMember(actorOf(principal), userId));
    return this.member(principal, userId);
  }

  @Delete(':userId')
  @HttpCode(204)
  @RequirePermissions('team.manage')
  @ApiOperation({ summary: 'Remove a member from the company (signs them out everywhere)' })
  @ApiParam({ name: 'userId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(404, 409)
  async removeMember(@CurrentPrincipal() principal: Principal, @Param('userId', new UuidOr404('member')) userId: string): Promise<void> {
    await this.commands.execute(new RemoveMember(actorOf(principal), userId));
  }

  private async member(principal: Principal, userId: string): Promise<PublicMember> {
    const actor = actorOf(principal);
    const [row] = await this.queries.execute<ListMembers, MemberView[]>(new ListMembers(actor.companyId, actor.userId, { userId, limit: 1 }));
    if (!row) throw new NotFoundError('Member', userId);
    const { id: _id, ...member } = row;
    return member;
  }
}
