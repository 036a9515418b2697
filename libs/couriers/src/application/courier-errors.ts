import { DomainError } from '@shipcrowd/kernel';
import { UpstreamUnavailableError } from '@shipcrowd/platform';
import { courierProfile } from '../../contracts';
import type { CapabilityViolation } from '../domain/capability-rules';
import type { CallOutcome } from '../infrastructure/resilience/courier-telemetry';
import { CourierAuthFailed, CourierRejected, WebhookMalformed, WebhookUnauthenticated } from './ports/courier-provider';

const nameOf = (courier: string): string => courierProfile(courier)?.name ?? courier;

/** How a failed call counts in telemetry: a courier saying no is not the courier failing. */
export function outcomeOf(error: unknown): CallOutcome {
  if (error instanceof CourierRejected) return 'rejected';
  if (error instanceof CourierAuthFailed) return 'auth_failed';
  if (error instanceof UpstreamUnavailableError) return 'unavailable';
  return 'error';
}

/** An adapter's error as the stable DomainError other contexts switch on; anything unexpected passes through (a 500, logged). */
export function courierDomainError(courier: string, error: unknown): unknown {
  const name = nameOf(courier);
  if (error instanceof CourierRejected) {
    return new DomainError('courier.rejected', `${name} refused the request: ${error.message}`, 'rule', { courier, courierMessage: error.message, courierCode: error.courierCode ?? null });
  }
  if (error instanceof CourierAuthFailed) {
    return new DomainError('courier.auth_failed', `${name} refused the stored credentials; update them.`, 'rule', { courier, courierMessage: error.message });
  }
  if (error instanceof UpstreamUnavailableError) {
    const detail = error.reason === 'circuit_open' ? 'failing repeatedly; calls are paused for a while' : `not answering (${error.reason}${error.status ? ` ${error.status}` : ''})`;
    return new DomainError('courier.unavailable', `${name} is ${detail}. Try again later.`, 'unavailable', { courier, reason: error.reason, status: error.status ?? null });
  }
  if (error instanceof WebhookUnauthenticated) {
    return new DomainError('courier.webhook_unauthenticated', `The ${name} webhook did not authenticate: ${error.message}`, 'unauthorized', { courier });
  }
  if (error instanceof WebhookMalformed) {
    return new DomainError('courier.webhook_malformed', `The ${name} webhook is not a shape ${name} sends: ${error.message}`, 'validation', { courier });
  }
  return error;
}

/** The refusal of a capability check, naming the rule. */
export function capabilityError(courier: string, violations: readonly CapabilityViolation[]): DomainError {
  const [first] = violations;
  return new DomainError(first.kind === 'limit' ? 'courier.limit_exceeded' : 'courier.capability_unsupported', first.message, 'rule', {
    courier,
    rule: first.rule,
    limit: first.limit,
    actual: first.actual,
    ...(violations.length > 1 ? { violations: violations.map(({ rule, limit, actual, message }) => ({ rule, limit, actual, message })) } : {}),
  });
}

export function notConfigured(courier: string): DomainError {
  return new DomainError('courier.not_configured', `No ${nameOf(courier)} account is set up: add the company's own credentials or ask Shipcrowd to set the platform's.`, 'rule', { courier });
}
