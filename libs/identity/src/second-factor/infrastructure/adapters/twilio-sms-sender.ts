import { Logger } from '@nestjs/common';
import { SmsDeliveryError, SmsSender } from '../../application/ports/sms-sender.port';
import { ResilientHttp, UpstreamUnavailableError } from '@shipcrowd/platform';

export interface TwilioOptions {
  /** https://api.twilio.com in production; the simulator's URL in sandbox mode and tests. */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
}

interface TwilioMessage {
  sid: string;
  status: string;
}

interface TwilioError {
  code: number;
  message: string;
  more_info?: string;
  status: number;
}

// Twilio error codes that mean "this number cannot get our SMS": the user's to fix.
const INVALID_NUMBER = new Set([21211, 21401, 21407, 21421]);
const UNREACHABLE = new Set([21408, 21610, 21612, 21614]);

/**
 * Twilio Programmable Messaging: POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json,
 * HTTP Basic AccountSid:AuthToken, form fields To / From / Body; 201 with the Message resource.
 */
export class TwilioSmsSender implements SmsSender {
  private readonly logger = new Logger('TwilioSmsSender');

  constructor(
    private readonly options: TwilioOptions,
    readonly http: ResilientHttp,
  ) {}

  async send(to: string, body: string): Promise<{ id: string }> {
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(this.options.accountSid)}/Messages.json`;
    const credentials = Buffer.from(`${this.options.accountSid}:${this.options.authToken}`).toString('base64');
    let result;
    try {
      result = await this.http.request(url, {
        method: 'POST',
        headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ To: to, From: this.options.from, Body: body }).toString(),
      });
    } catch (error) {
      if (error instanceof UpstreamUnavailableError) {
        this.logger.warn({ msg: 'SMS provider unavailable', reason: error.reason, status: error.status });
        throw new SmsDeliveryError('sms.unavailable', 'SMS delivery is unavailable right now; try again shortly.');
      }
      throw error;
    }

    if (result.status === 201 || result.status === 200) {
      const message = result.body as Partial<TwilioMessage> | null;
      if (!message || typeof message.sid !== 'string') throw new SmsDeliveryError('sms.unavailable', 'The SMS provider sent an unexpected answer.');
      return { id: message.sid };
    }

    const problem = result.body as Partial<TwilioError> | null;
    const code = typeof problem?.code === 'number' ? problem.code : undefined;
    if (code !== undefined && INVALID_NUMBER.has(code)) throw new SmsDeliveryError('sms.invalid_number', 'This is not a valid mobile number.', code);
    if (code !== undefined && UNREACHABLE.has(code)) throw new SmsDeliveryError('sms.recipient_unreachable', 'This number cannot receive SMS from us.', code);
    // 20003 (bad credentials), 20404 (wrong account) and the rest are our configuration problems.
    this.logger.error({ msg: 'SMS provider refused the request', status: result.status, providerCode: code, providerMessage: problem?.message });
    throw new SmsDeliveryError('sms.unavailable', 'SMS delivery is unavailable right now; try again shortly.', code);
  }
}
