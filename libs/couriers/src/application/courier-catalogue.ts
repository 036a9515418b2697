import type { CourierCapabilities, CourierCode, CourierService } from '../../contracts';
import { COURIERS } from '../../contracts';
import type { CourierProviders } from './courier-providers';

export interface CourierCatalogueEntry {
  code: CourierCode;
  name: string;
  /** An adapter exists in this build: the courier can be booked, tracked and given credentials. */
  integrated: boolean;
  services: readonly CourierService[];
  capabilities: CourierCapabilities | null;
  /** Names of the credentials the courier issues (what PUT /v1/courier-credentials/{courier} expects). */
  credentialFields: readonly string[];
}

/** Every catalogue courier with what its integration can do; nothing secret. */
export function courierCatalogue(providers: CourierProviders): CourierCatalogueEntry[] {
  return COURIERS.map(({ code, name, services }) => {
    const adapter = providers.find(code);
    return { code, name, integrated: !!adapter, services, capabilities: adapter?.capabilities ?? null, credentialFields: adapter?.credentialFields ?? [] };
  });
}
