import type { AppConfig } from '@shipcrowd/platform';

/** A committed shipping integration event, as the worker publishes it to the API processes for live updates. */
export interface ShipmentLiveEvent {
  eventId: string;
  companyId: string;
  /** One of SHIPPING_EVENTS. */
  type: string;
  payload: Record<string, unknown>;
  /** ISO 8601. */
  occurredAt: string;
}

/** The Redis pub/sub channel of live shipment events; the queue prefix keeps deployments (and test suites) apart. */
export function liveChannelOf(config: Pick<AppConfig, 'QUEUE_PREFIX'>): string {
  return `${config.QUEUE_PREFIX}:shipping:live`;
}

/** The event in a channel message, or null when the message is not one (it is then dropped). */
export function parseLiveEvent(message: string): ShipmentLiveEvent | null {
  let value: Partial<ShipmentLiveEvent>;
  try {
    value = JSON.parse(message) as Partial<ShipmentLiveEvent>;
  } catch {
    return null;
  }
  const wellFormed =
    typeof value?.eventId === 'string' &&
    typeof value.companyId === 'string' &&
    typeof value.type === 'string' &&
    typeof value.occurredAt === 'string' &&
    typeof value.payload === 'object' &&
    value.payload !== null;
  return wellFormed ? (value as ShipmentLiveEvent) : null;
}
