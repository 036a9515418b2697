import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { COURIERS } from '@shipcrowd/couriers/contracts';
import { GEO_FACADE, GeoFacade } from '@shipcrowd/geo/contracts';
import { APP_CONFIG, AppConfig, UnitOfWork } from '@shipcrowd/platform';
import { CoverageRevision } from '../application/ports/coverage-revision.port';
import { sandboxLanesOf } from '../domain/sandbox-coverage';
import { CourierSimulatorHost } from './adapters/courier-simulator-host';
import { loadSandboxCoverage, sandboxServicesOf } from './persistence/sandbox-coverage-loader';

/**
 * Sandbox mode at start-up (after the geo directory is loaded: this sits in the HTTP/jobs modules, whose hooks run
 * after the global ones): seeds coverage + transit times when they are empty, and gives the in-process Delhivery
 * simulator the same network as its pincode list, so a first sync changes nothing.
 */
@Injectable()
export class SandboxStartup implements OnApplicationBootstrap {
  private readonly logger = new Logger('serviceability');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly host: CourierSimulatorHost,
    private readonly revisions: CoverageRevision,
    @Inject(GEO_FACADE) private readonly geo: GeoFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.COURIER_MODE !== 'sandbox') return;
    const directory = await this.geo.allPincodes();
    if (!directory.length) {
      this.logger.warn('the pincode directory is empty: sandbox coverage not seeded (it will be on the next start)');
      return;
    }
    const services = sandboxServicesOf(COURIERS);
    const started = Date.now();
    const seeded = await this.uow.run({ system: true }, (tx) => loadSandboxCoverage(tx, { services, pincodes: directory }));
    if (seeded.lanesInserted || seeded.transitTimesInserted) {
      await this.revisions.bump();
      this.logger.log({ msg: 'sandbox coverage seeded', lanes: seeded.lanesInserted, transitTimes: seeded.transitTimesInserted, ms: Date.now() - started });
    }
    if (this.host.delhivery && this.host.delhivery.size === 0) {
      const surface = services.find((s) => s.courier === 'delhivery' && s.service === 'surface');
      if (surface) this.host.loadDelhiveryDataset(sandboxLanesOf(surface, directory), directory);
    }
  }
}
