import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems, PublicRoute, RateLimitPerMinute } from '@shipcrowd/platform';
import { GetPublicTracking } from '../../application/queries/public-tracking/public-tracking.query';
import type { PublicTracking } from '../../application/queries/public-tracking/public-tracking.handler';
import { AcceptCourierWebhook } from '../../application/tracking-ingest/accept-courier-webhook';
import { AwbParamDto, PublicTrackingDto, WebhookAcceptedDto } from './shipments.dto';
import { publicTrackingView } from './shipment-views';

@ApiTags('tracking')
@Controller('v1')
export class TrackingController {
  constructor(
    private readonly queries: QueryBus,
    private readonly webhooks: AcceptCourierWebhook,
  ) {}

  @Get('tracking/:awb')
  @PublicRoute()
  @RateLimitPerMinute('PUBLIC_TRACKING_RATE_LIMIT_PER_MINUTE')
  @ApiOperation({ summary: 'Public tracking by AWB (no sign-in)', description: 'Status, expected delivery date and scans with places and times; no names, phones, addresses or amounts. Rate limited per client address (PUBLIC_TRACKING_RATE_LIMIT_PER_MINUTE).' })
  @ApiOkResponse({ type: PublicTrackingDto })
  @ApiProblems(404, 422, 429)
  async track(@Param() params: AwbParamDto) {
    const tracking: PublicTracking = await this.queries.execute(new GetPublicTracking(params.awb));
    return publicTrackingView(tracking);
  }

  @Post('courier-webhooks/:courier')
  @PublicRoute()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Tracking webhook for a courier (called by the courier)',
    description: 'Authenticated per courier (signature or token, see each adapter’s README) over the raw body before anything is stored; acknowledged once queued; duplicates are recognised.',
  })
  @ApiAcceptedResponse({ type: WebhookAcceptedDto })
  @ApiProblems(401, 404, 422)
  receive(@Param('courier') courier: string, @Req() request: FastifyRequest & { rawBody?: Buffer }) {
    return this.webhooks.accept(courier, request.headers, request.rawBody);
  }

  @Post('courier-webhooks/:courier/accounts/:accountId')
  @PublicRoute()
  @HttpCode(202)
  @ApiOperation({
    summary: "Tracking webhook for a seller's own courier account (called by the courier)",
    description:
      "The address GET /v1/courier-credentials/{courier} gives as webhookUrl, for the seller to paste into the courier's panel. Authenticated with that account's own webhook secret or token over the raw body; an unknown account or a bad signature is refused (401) and nothing is stored. The scans move only that company's shipments.",
  })
  @ApiParam({ name: 'accountId', format: 'uuid', description: "The account's id (accountId of GET /v1/courier-credentials/{courier})" })
  @ApiAcceptedResponse({ type: WebhookAcceptedDto })
  @ApiProblems(401, 404, 422)
  receiveForAccount(@Param('courier') courier: string, @Param('accountId') accountId: string, @Req() request: FastifyRequest & { rawBody?: Buffer }) {
    return this.webhooks.acceptForAccount(courier, accountId, request.headers, request.rawBody);
  }
}
