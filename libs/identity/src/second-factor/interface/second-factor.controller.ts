import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Authenticated, CurrentPrincipal, Principal } from '@shipcrowd/platform';
import { RegenerateRecoveryCodes } from '../application/commands/regenerate-recovery-codes';
import { ConfirmSmsEnrolment, RemoveSmsFactor, StartSmsEnrolment } from '../application/commands/sms-enrolment';
import { ConfirmTotpEnrolment, DisableTotp, StartTotpEnrolment } from '../application/commands/totp-enrolment';
import { GetSecondFactorStatus } from '../application/queries/get-second-factor-status';
import {
  RecoveryCodesDto,
  SecondFactorCodeDto,
  SecondFactorStatusDto,
  SmsChallengeSentDto,
  SmsCodeDto,
  SmsEnabledDto,
  SmsEnrolmentDto,
  TotpCodeDto,
  TotpEnabledDto,
  TotpEnrolmentDto,
} from './second-factor.dto';

@ApiTags('two-factor')
@Controller('v1/me/2fa')
@Authenticated()
export class SecondFactorController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Second-factor status: enabled methods and recovery codes left' })
  @ApiOkResponse({ type: SecondFactorStatusDto })
  getStatus(@CurrentPrincipal() principal: Principal): Promise<SecondFactorStatusDto> {
    return this.queries.execute(new GetSecondFactorStatus(principal.userId));
  }

  @Post('totp')
  @ApiOperation({ summary: 'Start authenticator-app enrolment (returns the secret and otpauth URI)' })
  @ApiCreatedResponse({ type: TotpEnrolmentDto })
  @ApiProblems(409)
  startTotpEnrolment(@CurrentPrincipal() principal: Principal): Promise<TotpEnrolmentDto> {
    return this.commands.execute(new StartTotpEnrolment(principal.userId));
  }

  @Post('totp/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the authenticator with its first code; returns ten recovery codes, shown once' })
  @ApiOkResponse({ type: TotpEnabledDto })
  @ApiProblems(409)
  async confirmTotpEnrolment(@CurrentPrincipal() principal: Principal, @Body() body: TotpCodeDto): Promise<TotpEnabledDto> {
    const { recoveryCodes } = await this.commands.execute(new ConfirmTotpEnrolment(principal.userId, body.code));
    return { enabled: true, recoveryCodes };
  }

  @Delete('totp')
  @HttpCode(204)
  @ApiOperation({ summary: 'Disable the authenticator app (needs a current authenticator, SMS or recovery code)' })
  @ApiNoContentResponse({ description: 'Disabled' })
  @ApiProblems(404)
  async disableTotp(@CurrentPrincipal() principal: Principal, @Body() body: SecondFactorCodeDto): Promise<void> {
    await this.commands.execute(new DisableTotp(principal.userId, body.code));
  }

  @Post('recovery-codes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the recovery codes with ten new ones (needs a current second-factor code)' })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiProblems(409)
  regenerateRecoveryCodes(@CurrentPrincipal() principal: Principal, @Body() body: SecondFactorCodeDto): Promise<RecoveryCodesDto> {
    return this.commands.execute(new RegenerateRecoveryCodes(principal.userId, body.code));
  }

  @Post('sms')
  @ApiOperation({ summary: 'Start SMS enrolment: texts a 6-digit code to the phone (1 per 30 s, 5 per hour)' })
  @ApiCreatedResponse({ type: SmsChallengeSentDto })
  @ApiProblems(409, 503)
  startSmsEnrolment(@CurrentPrincipal() principal: Principal, @Body() body: SmsEnrolmentDto): Promise<SmsChallengeSentDto> {
    return this.commands.execute(new StartSmsEnrolment(principal.userId, body.phone));
  }

  @Post('sms/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the phone with the texted code; SMS codes become a second factor' })
  @ApiOkResponse({ type: SmsEnabledDto })
  @ApiProblems(409)
  async confirmSmsEnrolment(@CurrentPrincipal() principal: Principal, @Body() body: SmsCodeDto): Promise<SmsEnabledDto> {
    const enabled = await this.commands.execute(new ConfirmSmsEnrolment(principal.userId, body.code));
    return { enabled: true, ...enabled };
  }

  @Delete('sms')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove the SMS second factor' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(404)
  async removeSmsFactor(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.commands.execute(new RemoveSmsFactor(principal.userId));
  }
}
