import { Body, Controller, Delete, Get, HttpCode, Param, Put, Type } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, companyOf, CurrentPrincipal, PlatformAdminOnly, Principal, RequirePermissions } from '@shipcrowd/platform';
import { COURIERS } from '../../../contracts';
import {
  CourierCredentialsView,
  CredentialsActor,
  GetCourierCredentials,
  RemoveCourierCredentials,
  SetCourierCredentials,
} from '../../application/credentials/courier-credentials.commands';
import { CourierCredentialsDto, SetCourierCredentialsDto } from './couriers.dto';

interface CredentialRoutesOptions {
  path: string;
  tags: string[];
  /** Who may call the routes. */
  guard: ClassDecorator;
  /** Whose credentials the routes manage, in summaries: "the company's own", "the platform's". */
  whose: string;
  actorOf(principal: Principal): CredentialsActor;
}

/**
 * GET (masked), PUT (replace) and DELETE of one owner's credentials for a courier. The seller's and the platform
 * admins' routes differ only in guard, owner and wording, so both controllers are made here.
 */
function credentialRoutes(options: CredentialRoutesOptions): Type<object> {
  const courierParam = () => ApiParam({ name: 'courier', enum: COURIERS.map((c) => c.code), description: 'Courier code (GET /v1/couriers)' });

  @ApiTags(...options.tags)
  @Controller(options.path)
  @options.guard
  class CredentialRoutes {
    constructor(
      readonly commands: CommandBus,
      readonly queries: QueryBus,
    ) {}

    @Get(':courier')
    @ApiOperation({ summary: `${options.whose} credentials for a courier: which fields are set, never their values` })
    @courierParam()
    @ApiOkResponse({ type: CourierCredentialsDto })
    @ApiProblems(404)
    get(@CurrentPrincipal() principal: Principal, @Param('courier') courier: string): Promise<CourierCredentialsView> {
      return this.queries.execute(new GetCourierCredentials(options.actorOf(principal).owner, courier));
    }

    @Put(':courier')
    @ApiOperation({ summary: `Set ${options.whose} credentials for a courier (every field it issues; sealed at rest)` })
    @courierParam()
    @ApiOkResponse({ type: CourierCredentialsDto })
    @ApiProblems(404, 422)
    set(@CurrentPrincipal() principal: Principal, @Param('courier') courier: string, @Body() body: SetCourierCredentialsDto): Promise<CourierCredentialsView> {
      return this.commands.execute(new SetCourierCredentials(options.actorOf(principal), courier, body.credentials));
    }

    @Delete(':courier')
    @HttpCode(204)
    @ApiOperation({ summary: `Remove ${options.whose} credentials for a courier` })
    @courierParam()
    @ApiNoContentResponse({ description: 'Removed, or nothing was stored' })
    @ApiProblems(404)
    remove(@CurrentPrincipal() principal: Principal, @Param('courier') courier: string): Promise<void> {
      return this.commands.execute(new RemoveCourierCredentials(options.actorOf(principal), courier));
    }
  }
  return CredentialRoutes;
}

/** A seller's own courier accounts: bookings use them before the platform's (couriers.manage: owners and admins). */
export class CourierCredentialsController extends credentialRoutes({
  path: 'v1/courier-credentials',
  tags: ['couriers'],
  guard: RequirePermissions('couriers.manage'),
  whose: "the company's own",
  actorOf: (principal) => ({ userId: principal.userId, owner: companyOf(principal), via: principal.via }),
}) {}

/** Shipcrowd staff: the platform's courier accounts, used for every company without its own; webhooks verify with them. */
export class AdminCourierCredentialsController extends credentialRoutes({
  path: 'v1/admin/courier-credentials',
  tags: ['couriers', 'admin'],
  guard: PlatformAdminOnly(),
  whose: "the platform's",
  actorOf: (principal) => ({ userId: principal.userId, owner: null, via: principal.via }),
}) {}
