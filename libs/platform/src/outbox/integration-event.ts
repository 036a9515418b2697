/** An event as consumers receive it from the relay (the outbox row, decoded). */
export interface IntegrationEvent<P = Record<string, unknown>> {
  eventId: string;
  type: string;
  aggregateId: string;
  companyId: string | null;
  occurredAt: string;
  payload: P;
}

export type IntegrationEventHandler = (event: IntegrationEvent) => Promise<void>;
