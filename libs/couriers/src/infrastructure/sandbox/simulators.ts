import {
  CourierApiSimulator,
  DelhiveryB2bSimulator,
  DelhiverySimulator,
  DtdcSimulator,
  EcomExpressSimulator,
  IntargosSimulator,
  MarutiSimulator,
  NimbusPostSimulator,
  OmLogisticsSimulator,
  ShiprocketSimulator,
  SmartShipSimulator,
  XpressbeesSimulator,
} from '@shipcrowd/simulators';
import type { CourierProvider } from '../../application/ports/courier-provider';

/**
 * The courier simulators the in-process sandbox server mounts (COURIER_MODE=sandbox without COURIER_SIMULATOR_URL),
 * one per adapter, each accepting that adapter's sandbox credentials, at the prefix `<code with '_' as '-'>`.
 */
export function courierSimulators(adapters: readonly CourierProvider[]): CourierApiSimulator[] {
  const credentials = (code: string): Record<string, string> => ({ ...(adapters.find((a) => a.code === code)?.sandboxCredentials ?? {}) });
  const delhivery = credentials('delhivery');
  const b2b = credentials('delhivery_b2b');
  const shiprocket = credentials('shiprocket');
  return [
    new DelhiverySimulator({ token: delhivery.token }),
    new DelhiveryB2bSimulator({ username: b2b.username, password: b2b.password }),
    new XpressbeesSimulator(credentials('xpressbees') as never),
    new DtdcSimulator(credentials('dtdc') as never),
    new ShiprocketSimulator({ email: shiprocket.email, password: shiprocket.password }),
    new EcomExpressSimulator(credentials('ecom_express') as never),
    new NimbusPostSimulator(credentials('nimbuspost') as never),
    new IntargosSimulator(credentials('intargos')),
    new SmartShipSimulator(credentials('smartship')),
    new MarutiSimulator(credentials('maruti')),
    new OmLogisticsSimulator(credentials('om_logistics')),
  ];
}
