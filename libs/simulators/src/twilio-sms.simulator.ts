import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpSimulator, SimRequest, SimResponse } from './http-simulator';

export interface SentSms {
  sid: string;
  to: string;
  from: string;
  body: string;
  sentAt: Date;
}

export interface TwilioSimulatorOptions {
  accountSid: string;
  authToken: string;
  /** When set, each accepted message is also written to <dir>/<sid>.json so a developer can read it. */
  dir?: string;
}

const E164 = /^\+[1-9]\d{7,14}$/;
const API_VERSION = '2010-04-01';

/**
 * Twilio Programmable Messaging, as documented: POST /2010-04-01/Accounts/{AccountSid}/Messages.json
 * with HTTP Basic (AccountSid:AuthToken) and a form body (To, From, Body). Answers 201 with the
 * Message resource (status 'queued') or 4xx with Twilio's error object {code, message, more_info, status}.
 * Twilio's magic test numbers behave as documented: +15005550001 is invalid (21211), +15005550009
 * cannot receive SMS (21614).
 */
export class TwilioSmsSimulator extends HttpSimulator {
  readonly sent: SentSms[] = [];

  constructor(private readonly options: TwilioSimulatorOptions) {
    super();
  }

  messagesTo(phone: string): SentSms[] {
    return this.sent.filter((m) => m.to === phone);
  }

  lastMessageTo(phone: string): SentSms | undefined {
    return this.messagesTo(phone).at(-1);
  }

  protected serverErrorBody(status: number): unknown {
    return twilioError(20500, 'An internal server error has occurred', status);
  }

  protected handle(request: SimRequest): SimResponse {
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(request.path);
    if (!match) return { status: 404, body: twilioError(20404, 'The requested resource was not found', 404) };
    if (request.method !== 'POST') return { status: 405, body: twilioError(20004, 'Method not allowed', 405) };

    const credentials = basicCredentials(request.headers.authorization);
    if (!credentials || credentials.user !== this.options.accountSid || credentials.password !== this.options.authToken) {
      return { status: 401, body: twilioError(20003, 'Authenticate', 401), headers: { 'www-authenticate': 'Basic realm="Twilio API"' } };
    }
    if (match[1] !== credentials.user) {
      return { status: 404, body: twilioError(20404, `The requested resource /2010-04-01/Accounts/${match[1]}/Messages.json was not found`, 404) };
    }

    const { To: to, From: from, Body: body } = request.fields;
    if (!to) return badRequest(21604, "A 'To' phone number is required.");
    if (!from) return badRequest(21603, "A 'From' phone number is required.");
    if (!body) return badRequest(21602, 'Message body is required.');
    if (!E164.test(to) || to === '+15005550001') return badRequest(21211, `The 'To' number ${to} is not a valid phone number.`);
    if (to === '+15005550009') return badRequest(21614, `'To' number ${to} is not a valid mobile number`);
    if (!E164.test(from)) return badRequest(21212, `The 'From' number ${from} is not a valid phone number, shortcode, or alphanumeric sender ID.`);
    if (body.length > 1600) return badRequest(21617, 'The concatenated message body exceeds the 1600 character limit.');

    const sid = `SM${randomBytes(16).toString('hex')}`;
    const now = new Date();
    const message: SentSms = { sid, to, from, body, sentAt: now };
    this.sent.push(message);
    if (this.options.dir) {
      mkdirSync(this.options.dir, { recursive: true });
      writeFileSync(join(this.options.dir, `${now.toISOString().replace(/[:.]/g, '-')}-${sid}.json`), JSON.stringify(message, null, 2));
    }
    const uri = `/${API_VERSION}/Accounts/${credentials.user}/Messages/${sid}.json`;
    return {
      status: 201,
      body: {
        account_sid: credentials.user,
        api_version: API_VERSION,
        body,
        date_created: now.toUTCString().replace('GMT', '+0000'),
        date_sent: null,
        date_updated: now.toUTCString().replace('GMT', '+0000'),
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from,
        messaging_service_sid: null,
        num_media: '0',
        num_segments: String(Math.max(1, Math.ceil(body.length / 160))),
        price: null,
        price_unit: 'USD',
        sid,
        status: 'queued',
        subresource_uris: { media: uri.replace('.json', '/Media.json') },
        to,
        uri,
      },
    };
  }
}

function badRequest(code: number, message: string): SimResponse {
  return { status: 400, body: twilioError(code, message, 400) };
}

function twilioError(code: number, message: string, status: number) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

function basicCredentials(header: string | undefined): { user: string; password: string } | null {
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  return separator < 0 ? null : { user: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}
