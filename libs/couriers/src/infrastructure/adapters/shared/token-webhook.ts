import { WebhookMalformed, WebhookUnauthenticated } from '../../../application/ports/courier-provider';
import { headerValue, sameSecret } from './wire';

type Headers = Record<string, string | string[] | undefined>;

/**
 * For couriers whose webhooks carry no body signature, only a fixed header value the seller sets in the courier's
 * panel (Delhivery's scan push `Authorization`, Shiprocket's `x-api-key`). Compared in constant time. It proves the
 * sender knows the secret; it cannot prove the body was not altered in transit (TLS has to).
 */
export function requireWebhookToken(headers: Headers, header: string, expected: string | undefined): void {
  if (!expected) throw new WebhookUnauthenticated('no webhook secret configured for this courier');
  if (!sameSecret(headerValue(headers, header), expected)) throw new WebhookUnauthenticated(`webhook ${header} header missing or wrong`);
}

/** The pushed JSON body; a body that does not parse is malformed (after authentication). */
export function webhookJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new WebhookMalformed('webhook body is not JSON');
  }
}
