import type { CourierProvider } from '../../application/ports/courier-provider';
import { DelhiveryAdapter } from './delhivery/delhivery.adapter';
import { DelhiveryB2bAdapter } from './delhivery_b2b/delhivery_b2b.adapter';
import { DtdcAdapter } from './dtdc/dtdc.adapter';
import { EcomExpressAdapter } from './ecom_express/ecom_express.adapter';
import { IntargosAdapter } from './intargos/intargos.adapter';
import { MarutiAdapter } from './maruti/maruti.adapter';
import { NimbusPostAdapter } from './nimbuspost/nimbuspost.adapter';
import { OmLogisticsAdapter } from './om_logistics/om_logistics.adapter';
import { ShiprocketAdapter } from './shiprocket/shiprocket.adapter';
import { SmartShipAdapter } from './smartship/smartship.adapter';
import { XpressbeesAdapter } from './xpressbees/xpressbees.adapter';

/**
 * Every courier adapter this build integrates, one instance each (adapters are stateless apart from token caches).
 * Add a new courier here and its simulator to ../sandbox/simulators.ts. CourierProviders refuses codes outside the
 * catalogue and duplicates.
 */
export function courierAdapters(): CourierProvider[] {
  return [
    new DelhiveryAdapter(),
    new DelhiveryB2bAdapter(),
    new XpressbeesAdapter(),
    new DtdcAdapter(),
    new ShiprocketAdapter(),
    new EcomExpressAdapter(),
    new NimbusPostAdapter(),
    new IntargosAdapter(),
    new SmartShipAdapter(),
    new MarutiAdapter(),
    new OmLogisticsAdapter(),
  ];
}
