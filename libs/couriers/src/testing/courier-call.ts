import { ResilientHttp } from '@shipcrowd/platform';
import type { CourierCall, CourierCredentials } from '../application/ports/courier-provider';

/** A CourierCall against a simulator with test-speed resilience (short timeouts and back-off). */
export function testCourierCall(baseUrl: string, credentials: CourierCredentials, name = 'courier-test'): CourierCall {
  const options = { name, timeoutMs: 2000, retries: 2, baseDelayMs: 5, maxDelayMs: 20, retryStatuses: [429], breaker: { volumeThreshold: 1000 } };
  return { baseUrl, credentials, http: new ResilientHttp(options), httpNoRetry: new ResilientHttp({ ...options, name: `${name}-once`, retries: 0 }) };
}
