import { Body, Controller, Delete, Get, HttpCode, Inject, Optional, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { IDENTITY_FACADE, IdentityFacade } from '@shipcrowd/identity/contracts';
import { Authenticated, ApiProblems, CurrentPrincipal, Page, pageLimit, PageQuery, Principal, ProblemException, RequirePermissions, toPage } from '@shipcrowd/platform';
import { AcceptInvitation } from '../../application/commands/accept-invitation/accept-invitation.command';
import { InviteMember, InviteMemberResult } from '../../application/commands/invite-member/invite-member.command';
import { RevokeInvitation } from '../../application/commands/revoke-invitation/revoke-invitation.command';
import { InvitationView, ListInvitations } from '../../application/queries/list-invitations/list-invitations.query';
import { MembershipsOf } from '../../application/queries/memberships-of/memberships-of.query';
import type { MembershipView } from '../../../contracts';
import { InvitationAcceptedDto, InvitationPageDto, InvitationSentDto, InviteDto } from './dto/team.dto';
import { actorOf, idCursor, UuidOr404 } from './http-helpers';

const TOKEN = /^[A-Za-z0-9_-]{20,128}$/;

@ApiTags('team')
@Controller('v1/team/invitations')
export class TeamInvitationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Optional() @Inject(IDENTITY_FACADE) private readonly identity?: IdentityFacade,
  ) {}

  @Post()
  @RequirePermissions('team.invite')
  @ApiOperation({ summary: 'Invite someone by email (7-day link); re-inviting a pending email renews it', description: 'At most 200 members per company, pending invitations included.' })
  @ApiCreatedResponse({ type: InvitationSentDto })
  @ApiProblems(409)
  async inviteMember(@CurrentPrincipal() principal: Principal, @Body() body: InviteDto): Promise<InvitationView & { refreshed: boolean }> {
    const actor = actorOf(principal);
    const result = await this.commands.execute<InviteMember, InviteMemberResult>(new InviteMember(actor, body.email, body.role));
    const [view] = await this.queries.execute<ListInvitations, InvitationView[]>(new ListInvitations(actor.companyId, actor.userId, { id: result.invitationId, limit: 1 }));
    return { ...view, refreshed: result.refreshed };
  }

  @Get()
  @RequirePermissions('team.read')
  @ApiOperation({ summary: 'List pending invitations (expired ones are flagged)' })
  @ApiOkResponse({ type: InvitationPageDto })
  async listInvitations(@CurrentPrincipal() principal: Principal, @Query() query: PageQuery): Promise<Page<InvitationView>> {
    const actor = actorOf(principal);
    const limit = pageLimit(query);
    const rows = await this.queries.execute<ListInvitations, InvitationView[]>(new ListInvitations(actor.companyId, actor.userId, { cursor: idCursor(query.cursor), limit }));
    return toPage(rows, limit, (r) => ({ id: r.id }));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('team.invite')
  @ApiOperation({ summary: 'Revoke a pending invitation' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblems(404, 409)
  async revokeInvitation(@CurrentPrincipal() principal: Principal, @Param('id', new UuidOr404('invitation')) id: string): Promise<void> {
    await this.commands.execute(new RevokeInvitation(actorOf(principal), id));
  }

  @Post(':token/accept')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Accept an invitation as the signed-in user (the account email must match the invited one)', description: 'Switch to the company afterwards to get a token with its permissions.' })
  @ApiParam({ name: 'token', description: 'The token from the invitation link' })
  @ApiOkResponse({ type: InvitationAcceptedDto })
  @ApiProblems(404, 409)
  async acceptInvitation(@CurrentPrincipal() principal: Principal, @Param('token') token: string): Promise<{ companyId: string; role: string }> {
    if (!TOKEN.test(token)) throw new ProblemException(404, 'invitation.not_found', 'This invitation link is not valid.');
    if (!this.identity) throw new ProblemException(503, 'identity.unavailable', 'Accounts are not available in this process.');
    const user = await this.identity.getUser(principal.userId);
    if (!user) throw new ProblemException(401, 'auth.unknown_user', 'Your account no longer exists.');
    const { companyId } = await this.commands.execute<AcceptInvitation, { companyId: string }>(new AcceptInvitation(token, user.id, user.email, user.name));
    const [membership] = await this.queries.execute<MembershipsOf, MembershipView[]>(new MembershipsOf(user.id, companyId));
    return { companyId, role: membership.role };
  }
}
