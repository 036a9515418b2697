import { Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { COMPANY_EVENTS } from '@shipcrowd/companies/contracts';
import { EventSubscribers } from '@shipcrowd/platform';
import { EraseCompanyCustomZones } from '../../application/commands/erase-company-custom-zones/erase-company-custom-zones.command';
import { GeoModule } from '../../geo.module';

/** Erases a purged company's custom zones (inbox-deduped, in the same transaction as the inbox row). */
@Injectable()
export class GeoEventConsumers implements OnModuleInit {
  private readonly logger = new Logger('geo');

  constructor(
    private readonly subscribers: EventSubscribers,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    this.subscribers.subscribe(COMPANY_EVENTS.companyPurged, 'geo.erase-custom-zones', async (event) => {
      const { erased } = await this.commands.execute<EraseCompanyCustomZones, { erased: number }>(new EraseCompanyCustomZones(event.aggregateId));
      if (erased) this.logger.log({ companyId: event.aggregateId, erased }, 'erased the custom zones of a purged company');
    });
  }
}

/** The worker's geo consumers: import it in apps/worker. */
@Module({ imports: [GeoModule], providers: [GeoEventConsumers] })
export class GeoJobsModule {}
