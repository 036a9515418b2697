import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { SERVICEABILITY_FACADE } from '../contracts';
import { AddBlocklistEntriesHandler, RemoveBlocklistEntriesHandler } from './application/commands/manage-blocklist/manage-blocklist.handlers';
import { ProcessCoverageUploadHandler } from './application/commands/process-coverage-upload/process-coverage-upload.handler';
import { SetTransitTimesHandler } from './application/commands/set-transit-times/set-transit-times.handler';
import { COVERAGE_UPLOADS_QUEUE, StartCoverageUploadHandler } from './application/commands/start-coverage-upload/start-coverage-upload.handler';
import { SyncAllCourierCoverageHandler, SyncCourierCoverageHandler } from './application/commands/sync-courier-coverage/sync-courier-coverage.handler';
import { CoverageRevision } from './application/ports/coverage-revision.port';
import { PINCODE_LIST_SOURCES } from './application/ports/pincode-list-source.port';
import { GetCoverageReportHandler } from './application/queries/get-coverage-report/get-coverage-report.handler';
import { GetCoverageUploadHandler } from './application/queries/get-upload/get-upload.handler';
import { ListBlocklistHandler } from './application/queries/list-blocklist/list-blocklist.handler';
import { ListSyncRunsHandler } from './application/queries/list-sync-runs/list-sync-runs.handler';
import { ListTransitTimesHandler } from './application/queries/list-transit-times/list-transit-times.handler';
import { ServiceabilityFacadeImpl } from './application/serviceability.facade';
import { CourierSimulatorHost } from './infrastructure/adapters/courier-simulator-host';
import { DelhiveryPincodeSource } from './infrastructure/adapters/delhivery-pincode-source';
import { RedisCoverageRevision } from './infrastructure/adapters/redis-coverage-revision';
import { CoverageStore } from './infrastructure/persistence/coverage-store';
import { ServiceabilityRecords } from './infrastructure/persistence/serviceability-records';

const handlers = [
  AddBlocklistEntriesHandler,
  RemoveBlocklistEntriesHandler,
  SetTransitTimesHandler,
  StartCoverageUploadHandler,
  ProcessCoverageUploadHandler,
  SyncCourierCoverageHandler,
  SyncAllCourierCoverageHandler,
  GetCoverageUploadHandler,
  ListSyncRunsHandler,
  ListBlocklistHandler,
  ListTransitTimesHandler,
  GetCoverageReportHandler,
];

/**
 * The serviceability context: coverage by courier x service x pincode, transit times, company blocklists, CSV
 * uploads, courier delta syncs. Exports SERVICEABILITY_FACADE (pricing calls check() on every quote). Needs the
 * platform, GEO_FACADE, AUDIT_TRAIL and FILE_STORAGE. In sandbox mode without COURIER_SIMULATOR_URL it runs the
 * courier simulator server in-process.
 */
@Global()
@Module({
  imports: [BullModule.registerQueue({ name: COVERAGE_UPLOADS_QUEUE })],
  providers: [
    ...handlers,
    CoverageStore,
    ServiceabilityRecords,
    CourierSimulatorHost,
    { provide: CoverageRevision, useClass: RedisCoverageRevision },
    {
      provide: PINCODE_LIST_SOURCES,
      inject: [CourierSimulatorHost],
      useFactory: (host: CourierSimulatorHost) => [new DelhiveryPincodeSource(() => ({ baseUrl: host.baseUrlOf('delhivery'), token: host.tokenOf('delhivery') }))],
    },
    { provide: SERVICEABILITY_FACADE, useClass: ServiceabilityFacadeImpl },
  ],
  exports: [SERVICEABILITY_FACADE, CourierSimulatorHost, CoverageRevision, BullModule],
})
export class ServiceabilityModule {}
