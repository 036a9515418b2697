/**
 * A business rule said no. `code` is stable and documented (clients switch on it);
 * `kind` tells the interface layer which HTTP status family it maps to.
 * Domain and application code throw these, never HTTP exceptions.
 */
export type DomainErrorKind =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'rule'
  | 'rate_limited'
  | 'unavailable';

export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'rule',
    readonly details: { errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id?: string) {
    super(`${what.toLowerCase().replace(/\s+/g, '_')}.not_found`, id ? `${what} ${id} was not found` : `${what} was not found`, 'not_found');
  }
}

/** Raised when an aggregate was changed by someone else since it was read. */
export class ConcurrencyError extends DomainError {
  constructor(what: string, id: string) {
    super('concurrency.stale_version', `${what} ${id} was changed by another request; reload and try again`, 'conflict');
  }
}
