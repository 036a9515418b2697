import '@fastify/multipart';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems, Authenticated, CurrentPrincipal, Principal, ProblemException } from '@shipcrowd/platform';
import { CancelAccountDeletion } from '../../application/commands/cancel-account-deletion/cancel-account-deletion.command';
import { ChangePassword } from '../../application/commands/change-password/change-password.command';
import { DeactivateAccount } from '../../application/commands/deactivate-account/deactivate-account.command';
import { RequestEmailChange } from '../../application/commands/request-email-change/request-email-change.command';
import { RevokeOtherSessions } from '../../application/commands/revoke-other-sessions/revoke-other-sessions.command';
import { RevokeSession } from '../../application/commands/revoke-session/revoke-session.command';
import { ScheduleAccountDeletion } from '../../application/commands/schedule-account-deletion/schedule-account-deletion.command';
import { SetBackupEmail } from '../../application/commands/set-backup-email/set-backup-email.command';
import { UpdateProfile } from '../../application/commands/update-profile/update-profile.command';
import { AVATAR_MAX_BYTES } from '../../application/commands/upload-avatar/upload-avatar.handler';
import { UploadAvatar } from '../../application/commands/upload-avatar/upload-avatar.command';
import { GetMe } from '../../application/queries/get-me/get-me.query';
import { ListSessions } from '../../application/queries/list-sessions/list-sessions.query';
import { AcceptedDto } from './auth.dto';
import {
  AvatarDto,
  AvatarUploadDto,
  BackupEmailDto,
  ChangeEmailDto,
  ChangePasswordDto,
  DeletionDto,
  IdParam,
  MeDto,
  PasswordDto,
  RevokedCountDto,
  SessionListDto,
  UpdateMeDto,
} from './me.dto';

@ApiTags('me')
@Controller('v1/me')
@Authenticated()
export class MeController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in user and the company the token acts for' })
  @ApiOkResponse({ type: MeDto })
  getMe(@CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetMe(principal));
  }

  @Patch()
  @ApiOperation({ summary: 'Update name or phone' })
  @ApiOkResponse({ type: MeDto })
  async updateMe(@CurrentPrincipal() principal: Principal, @Body() body: UpdateMeDto) {
    await this.commands.execute(new UpdateProfile(principal.userId, body));
    return this.queries.execute(new GetMe(principal));
  }

  @Get('sessions')
  @ApiOperation({ summary: 'Active sessions (devices signed in)' })
  @ApiOkResponse({ type: SessionListDto })
  async listSessions(@CurrentPrincipal() principal: Principal) {
    return { items: await this.queries.execute(new ListSessions(principal)) };
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out one session' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiProblems(404)
  async revokeSession(@CurrentPrincipal() principal: Principal, @Param() params: IdParam) {
    await this.commands.execute(new RevokeSession(principal, params.id));
  }

  @Post('sessions/revoke-others')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign out every session except this one' })
  @ApiOkResponse({ type: RevokedCountDto })
  revokeOtherSessions(@CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new RevokeOtherSessions(principal));
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change the password (other sessions are signed out)' })
  @ApiNoContentResponse({ description: 'Password changed' })
  async changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordDto) {
    await this.commands.execute(new ChangePassword(principal, body.currentPassword, body.newPassword));
  }

  @Post('email')
  @HttpCode(202)
  @ApiOperation({ summary: 'Change the sign-in email: a link goes to the new address; the old one is told' })
  @ApiCreatedResponse({ type: AcceptedDto })
  @ApiProblems(409)
  async changeEmail(@CurrentPrincipal() principal: Principal, @Body() body: ChangeEmailDto) {
    await this.commands.execute(new RequestEmailChange(principal, body.newEmail, body.password));
    return { accepted: true };
  }

  @Put('backup-email')
  @HttpCode(202)
  @ApiOperation({ summary: 'Set a backup email for account recovery (confirmed by an emailed link)' })
  @ApiCreatedResponse({ type: AcceptedDto })
  async setBackupEmail(@CurrentPrincipal() principal: Principal, @Body() body: BackupEmailDto) {
    await this.commands.execute(new SetBackupEmail(principal, body.email));
    return { accepted: true };
  }

  @Put('avatar')
  @ApiOperation({ summary: 'Upload an avatar (multipart field "file": PNG, JPEG or WebP, ≤ 2 MB, ≤ 2048×2048)' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: AvatarUploadDto })
  @ApiOkResponse({ type: AvatarDto })
  @ApiProblems(413)
  async uploadAvatar(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest) {
    if (!request.isMultipart()) throw new ProblemException(415, 'request.unsupported_media_type', 'Send the image as multipart/form-data in a field named "file".');
    const part = await request.file({ limits: { fileSize: AVATAR_MAX_BYTES, files: 1 } });
    if (!part || part.fieldname !== 'file') {
      throw new ProblemException(422, 'validation.failed', 'file: is required', { errors: [{ field: 'file', message: 'is required', code: 'isNotEmpty' }] });
    }
    let bytes: Buffer;
    try {
      bytes = await part.toBuffer();
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new ProblemException(413, 'avatar.too_large', 'The image must be at most 2 MB.');
      throw error;
    }
    return this.commands.execute(new UploadAvatar(principal.userId, bytes));
  }

  @Post('deactivate')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deactivate the account: signs out everywhere; sign-in is refused afterwards' })
  @ApiNoContentResponse({ description: 'Deactivated' })
  async deactivate(@CurrentPrincipal() principal: Principal) {
    await this.commands.execute(new DeactivateAccount(principal.userId, 'self_service', principal.userId));
  }

  @Post('deletion')
  @HttpCode(202)
  @ApiOperation({ summary: 'Schedule deletion of the account after the grace period' })
  @ApiCreatedResponse({ type: DeletionDto })
  scheduleDeletion(@CurrentPrincipal() principal: Principal, @Body() body: PasswordDto) {
    return this.commands.execute(new ScheduleAccountDeletion(principal.userId, body.password));
  }

  @Delete('deletion')
  @HttpCode(204)
  @ApiOperation({ summary: 'Cancel a scheduled deletion' })
  @ApiNoContentResponse({ description: 'Cancelled' })
  @ApiProblems(409)
  async cancelDeletion(@CurrentPrincipal() principal: Principal) {
    await this.commands.execute(new CancelAccountDeletion(principal.userId));
  }
}
