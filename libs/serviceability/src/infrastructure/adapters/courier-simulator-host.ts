import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@shipcrowd/platform';
import { CourierSimulatorServer, DelhiverySimulator, DelhiveryPostalCode } from '@shipcrowd/simulators';
import type { CoverageRow } from '../../domain/coverage';
import type { DirectoryPincode } from '../../domain/sandbox-coverage';

/** The token the sandbox Delhivery accepts when DELHIVERY_API_TOKEN is unset. */
export const SANDBOX_DELHIVERY_TOKEN = 'sandbox-delhivery-token';

/**
 * Sandbox mode without COURIER_SIMULATOR_URL: runs the courier simulator server in-process (one server, one route
 * prefix per courier: /delhivery today; the ship-it work mounts the other couriers' APIs on it).
 */
@Injectable()
export class CourierSimulatorHost implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('courier-simulators');
  readonly server?: CourierSimulatorServer;
  readonly delhivery?: DelhiverySimulator;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.COURIER_MODE === 'sandbox' && !config.COURIER_SIMULATOR_URL) {
      this.server = new CourierSimulatorServer();
      this.delhivery = this.server.register(new DelhiverySimulator({ token: config.DELHIVERY_API_TOKEN ?? SANDBOX_DELHIVERY_TOKEN }));
    }
  }

  get inProcess(): boolean {
    return this.server !== undefined;
  }

  async onModuleInit(): Promise<void> {
    if (!this.server) return;
    const url = await this.server.start(0);
    this.logger.log({ msg: 'courier simulators started in-process', url });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.stop();
  }

  /** Base URL of a courier's API: the live host, the external simulators, or the in-process server. */
  baseUrlOf(courier: 'delhivery'): string {
    if (this.config.COURIER_MODE === 'live') return this.config.DELHIVERY_API_BASE_URL;
    if (this.config.COURIER_SIMULATOR_URL) return `${this.config.COURIER_SIMULATOR_URL.replace(/\/+$/, '')}/${courier}`;
    return this.server!.urlOf(courier);
  }

  tokenOf(courier: 'delhivery'): string | undefined {
    void courier;
    return this.config.DELHIVERY_API_TOKEN ?? (this.config.COURIER_MODE === 'sandbox' ? SANDBOX_DELHIVERY_TOKEN : undefined);
  }

  /** Publishes the sandbox network (the same lanes the sandbox seed stored) as the simulated Delhivery's pincode list. */
  loadDelhiveryDataset(lanes: readonly CoverageRow[], directory: readonly DirectoryPincode[]): void {
    if (!this.delhivery) return;
    this.delhivery.setPincodes(delhiveryDataset(lanes, directory));
  }
}

const STATE_LETTERS: Record<string, string> = {
  '01': 'JK', '02': 'HP', '03': 'PB', '04': 'CH', '05': 'UK', '06': 'HR', '07': 'DL', '08': 'RJ', '09': 'UP', '10': 'BR', '11': 'SK', '12': 'AR', '13': 'NL', '14': 'MN', '15': 'MZ',
  '16': 'TR', '17': 'ML', '18': 'AS', '19': 'WB', '20': 'JH', '21': 'OD', '22': 'CG', '23': 'MP', '24': 'GJ', '26': 'DN', '27': 'MH', '29': 'KA', '30': 'GA', '31': 'LD', '32': 'KL',
  '33': 'TN', '34': 'PY', '35': 'AN', '36': 'TS', '37': 'AP', '38': 'LA',
};

/** Delhivery's view of the directory: served lanes with their flags, unserved pincodes listed with every flag N (as Delhivery does). */
export function delhiveryDataset(lanes: readonly CoverageRow[], directory: readonly DirectoryPincode[]): DelhiveryPostalCode[] {
  const byPin = new Map(lanes.map((l) => [l.pincode, l]));
  const yn = (b: boolean) => (b ? 'Y' : 'N') as 'Y' | 'N';
  return directory.map((p) => {
    const lane = byPin.get(p.pincode);
    const hub = p.district.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase() || 'DEL';
    return {
      pin: Number(p.pincode),
      district: p.district,
      state_code: STATE_LETTERS[p.gstStateCode] ?? 'NA',
      pre_paid: yn(!!lane?.prepaid),
      cash: yn(!!lane?.cod),
      cod: yn(!!lane?.cod),
      pickup: yn(!!lane?.pickup),
      repl: yn(!!lane?.reverse),
      is_oda: yn(!!lane?.oda),
      sort_code: lane ? `${hub}/${p.pincode.slice(3)}` : 'None',
      max_weight: lane?.maxWeightGrams ? lane.maxWeightGrams / 1000 : 0.0,
      max_amount: lane?.maxCodPaise ? lane.maxCodPaise / 100 : 0.0,
    };
  });
}
