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
  /** Its place in the company's live backlog (a Redis stream id, e.g. "1732252800000-0"): the SSE `id`, resumed from with Last-Event-ID. */
  position?: string;
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
    value.payload !== null &&
    (value.position === undefined || isBacklogPosition(value.position));
  return wellFormed ? (value as ShipmentLiveEvent) : null;
}

/** Whether `value` is a backlog position as the backlog hands them out (what a client may send back as Last-Event-ID). */
export function isBacklogPosition(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,15}-\d{1,15}$/.test(value);
}

/** Orders two backlog positions (milliseconds, then sequence). */
export function compareBacklogPositions(a: string, b: string): number {
  const [aMs, aSeq] = a.split('-').map(Number);
  const [bMs, bSeq] = b.split('-').map(Number);
  return aMs - bMs || aSeq - bSeq;
}
