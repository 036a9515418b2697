import { newId } from './ids';

/** An event an aggregate recorded; written to the outbox in the same transaction as the aggregate. */
export interface DomainEvent {
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: Date;
  readonly aggregateId: string;
  readonly companyId: string | null;
  readonly payload: Record<string, unknown>;
}

export function domainEvent(
  type: string,
  aggregateId: string,
  companyId: string | null,
  payload: Record<string, unknown>,
  occurredAt = new Date(),
): DomainEvent {
  return { eventId: newId(), type, occurredAt, aggregateId, companyId, payload };
}

/**
 * Base for aggregates: carries the optimistic-concurrency `version` it was loaded at
 * and the events recorded since. Repositories save with `where version = loadedVersion`.
 */
export abstract class AggregateRoot {
  private recorded: DomainEvent[] = [];

  protected constructor(
    readonly id: string,
    private loadedVersion: number,
  ) {}

  get version(): number {
    return this.loadedVersion;
  }

  /** Called by the repository after a successful save. */
  markSaved(newVersion: number): void {
    this.loadedVersion = newVersion;
  }

  protected record(event: DomainEvent): void {
    this.recorded.push(event);
  }

  pullEvents(): DomainEvent[] {
    const events = this.recorded;
    this.recorded = [];
    return events;
  }
}
