import { DomainError } from '@shipcrowd/kernel';

/** Outbound SMS. The Twilio adapter is the only implementation; sandbox mode points it at a simulator. */
export interface SmsSender {
  send(to: string, body: string): Promise<{ id: string }>;
}

export const SMS_SENDER = Symbol('SmsSender');

/**
 * Why an SMS did not go out. `sms.invalid_number` / `sms.recipient_unreachable` are the caller's to fix
 * (422 on the phone field); `sms.unavailable` (503) is ours or the provider's. The provider's own
 * code stays on the error for logs, never in the response.
 */
export class SmsDeliveryError extends DomainError {
  constructor(
    code: 'sms.invalid_number' | 'sms.recipient_unreachable' | 'sms.unavailable',
    message: string,
    readonly providerCode?: number,
  ) {
    super(code, message, code === 'sms.unavailable' ? 'unavailable' : 'validation', code === 'sms.unavailable' ? {} : { errors: [{ field: 'phone', message, code: code.slice(4) }] });
  }
}
