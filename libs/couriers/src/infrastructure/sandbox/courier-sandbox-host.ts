import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@shipcrowd/platform';
import { CourierApiSimulator, CourierSimulatorServer } from '@shipcrowd/simulators';

/** The simulators the sandbox server mounts (built by ./simulators.ts). */
export const COURIER_SIMULATORS = Symbol('CourierSimulators');

/** Where a courier's simulated API lives on a simulator server: its code with '-' for '_' (delhivery_b2b → delhivery-b2b). */
export function simulatorPrefixOf(courier: string): string {
  return courier.replace(/_/g, '-');
}

/**
 * COURIER_MODE=sandbox without COURIER_SIMULATOR_URL: one courier simulator server in this process, every courier's
 * simulated API mounted under its prefix. In live mode, or with external simulators, it starts nothing.
 */
@Injectable()
export class CourierSandboxHost implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('courier-sandbox');
  private readonly server?: CourierSimulatorServer;
  private readonly mounted: string[] = [];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(COURIER_SIMULATORS) simulators: readonly CourierApiSimulator[],
  ) {
    if (config.COURIER_MODE !== 'sandbox' || config.COURIER_SIMULATOR_URL) return;
    const server = new CourierSimulatorServer();
    for (const simulator of simulators) this.mounted.push(server.register(simulator).prefix);
    this.server = server;
  }

  get running(): boolean {
    return !!this.server;
  }

  async onModuleInit(): Promise<void> {
    const url = await this.server?.start(0);
    if (url) this.logger.log({ msg: 'courier sandbox started in-process', url, prefixes: this.mounted });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.stop();
  }

  /** Base URL of a courier's simulated API on the in-process server. */
  urlOf(courier: string): string {
    if (!this.server) throw new Error('the in-process courier sandbox is not running (live mode or COURIER_SIMULATOR_URL is set)');
    return this.server.urlOf(simulatorPrefixOf(courier));
  }

  /** The mounted simulator of a courier, if any (sandbox controls and tests). */
  simulatorOf<T extends CourierApiSimulator>(courier: string): T | undefined {
    if (!this.server) return undefined;
    try {
      return this.server.api<T>(simulatorPrefixOf(courier));
    } catch {
      return undefined;
    }
  }
}
