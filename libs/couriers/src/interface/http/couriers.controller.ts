import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, PlatformAdminOnly } from '@shipcrowd/platform';
import { COURIERS_FACADE, CourierHealth, CouriersFacade } from '../../../contracts';
import { CourierCatalogueEntry, courierCatalogue } from '../../application/courier-catalogue';
import { CourierProviders } from '../../application/courier-providers';
import { CourierCatalogueDto, CourierHealthListDto } from './couriers.dto';

@ApiTags('couriers')
@Controller('v1/couriers')
export class CouriersController {
  constructor(private readonly providers: CourierProviders) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Every courier Shipcrowd knows: services, capabilities and limits of the integrated ones, credential field names' })
  @ApiOkResponse({ type: CourierCatalogueDto })
  list(): { items: CourierCatalogueEntry[] } {
    return { items: courierCatalogue(this.providers) };
  }
}

@ApiTags('couriers', 'admin')
@Controller('v1/admin/couriers')
@PlatformAdminOnly()
export class AdminCouriersController {
  constructor(@Inject(COURIERS_FACADE) private readonly couriers: CouriersFacade) {}

  @Get('health')
  @ApiOperation({ summary: "Every courier's integration health in this process: circuit breaker, calls, failures, latency, credentials, mode" })
  @ApiOkResponse({ type: CourierHealthListDto })
  async health(): Promise<{ items: CourierHealth[] }> {
    return { items: await this.couriers.health() };
  }
}
