import { Controller, Get, Inject, Logger, Optional, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { NotFoundError } from '@shipcrowd/kernel';
import { PublicRoute, RateLimitPerMinute } from '@shipcrowd/platform';
import { GetPublicTracking } from '../../application/queries/public-tracking/public-tracking.query';
import type { PublicTracking } from '../../application/queries/public-tracking/public-tracking.handler';
import { SELLER_BRANDING, SellerBranding, SellerBrandingSource } from '../../application/seller-branding';
import { TRACKING_PAGE_CSP, trackingNotFoundHtml, trackingPageHtml } from './tracking-page.html';

const AWB = /^[A-Za-z0-9-]{6,30}$/;

/** GET /track/{awb}: the page a seller links buyers to. HTML, public, rate limited like GET /v1/tracking/{awb}. */
@Controller('track')
export class TrackingPageController {
  private readonly logger = new Logger('tracking-page');

  constructor(
    private readonly queries: QueryBus,
    @Optional() @Inject(SELLER_BRANDING) private readonly branding?: SellerBrandingSource,
  ) {}

  @Get(':awb')
  @PublicRoute()
  @RateLimitPerMinute('PUBLIC_TRACKING_RATE_LIMIT_PER_MINUTE')
  @ApiExcludeEndpoint()
  async page(@Param('awb') awb: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    reply.type('text/html; charset=utf-8').header('content-security-policy', TRACKING_PAGE_CSP).header('cache-control', 'no-store');
    const tracking = AWB.test(awb) ? await this.find(awb) : null;
    if (!tracking) {
      reply.status(404);
      return trackingNotFoundHtml(awb);
    }
    return trackingPageHtml(tracking, await this.brandingOf(tracking.companyId));
  }

  private async find(awb: string): Promise<PublicTracking | null> {
    try {
      return await this.queries.execute<GetPublicTracking, PublicTracking>(new GetPublicTracking(awb));
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  /** Without branding the page still tracks: a failing lookup is logged, not shown to the buyer. */
  private async brandingOf(companyId: string): Promise<SellerBranding | null> {
    if (!this.branding) return null;
    try {
      return await this.branding.brandingOf(companyId);
    } catch (error) {
      this.logger.warn({ err: error, companyId }, 'seller branding lookup failed; showing the page unbranded');
      return null;
    }
  }
}
