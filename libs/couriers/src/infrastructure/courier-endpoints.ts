import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, ConfigError } from '@shipcrowd/platform';
import { isCourierCode } from '../../contracts';
import type { CourierProvider } from '../application/ports/courier-provider';
import { CourierSandboxHost, simulatorPrefixOf } from './sandbox/courier-sandbox-host';

/**
 * Where a courier's API lives: live mode = COURIER_BASE_URLS[courier] or the adapter's production host; sandbox mode =
 * the external simulators (COURIER_SIMULATOR_URL/<prefix>) or the in-process sandbox server.
 */
@Injectable()
export class CourierEndpoints {
  private readonly liveOverrides: Readonly<Record<string, string>>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sandbox: CourierSandboxHost,
  ) {
    this.liveOverrides = config.COURIER_BASE_URLS ?? {};
    const unknown = Object.keys(this.liveOverrides).filter((code) => !isCourierCode(code));
    if (unknown.length) throw new ConfigError('COURIER_BASE_URLS', `names couriers that do not exist: ${unknown.join(', ')}`);
  }

  get mode(): 'live' | 'sandbox' {
    return this.config.COURIER_MODE;
  }

  baseUrlOf(adapter: CourierProvider): string {
    if (this.mode === 'live') return withoutTrailingSlash(this.liveOverrides[adapter.code] ?? adapter.liveBaseUrl);
    if (this.config.COURIER_SIMULATOR_URL) return `${withoutTrailingSlash(this.config.COURIER_SIMULATOR_URL)}/${simulatorPrefixOf(adapter.code)}`;
    return this.sandbox.urlOf(adapter.code);
  }
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
