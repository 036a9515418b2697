import { randomBytes } from 'node:crypto';
import type { SimRequest, SimResponse } from '../http-simulator';
import { headerOf } from './sim-auth-helpers';

const LABEL_FILES = '/label-files/';

/**
 * Label links a simulated courier answers with (Delhivery's packing-slip `pdf_download_link`, ...): each an unguessable
 * URL on the simulator's own host, served without credentials as the pre-signed storage URLs couriers hand out are.
 * An unknown link answers 403 AccessDenied, as an expired pre-signed URL does.
 */
export class SimLabelLinks {
  private readonly files = new Map<string, string>();

  constructor(private readonly prefix: string) {}

  /** A new link to the label of `key` (whatever the courier renders one label for: an AWB, an LR's box ...). */
  link(request: SimRequest, key: string): string {
    const id = randomBytes(12).toString('hex');
    this.files.set(id, key);
    return `http://${headerOf(request, 'host') ?? '127.0.0.1'}/${this.prefix}${LABEL_FILES}${id}.pdf`;
  }

  /** Whether the request downloads a label (checked before the courier's own authentication). */
  isDownload(request: SimRequest): boolean {
    return request.method === 'GET' && request.path.startsWith(LABEL_FILES);
  }

  /** The PDF `render` makes for the link's key, or 403 when the link was never issued (or its label is gone). */
  serve(request: SimRequest, render: (key: string) => Buffer | undefined): SimResponse {
    const key = this.files.get(request.path.slice(LABEL_FILES.length).replace(/\.pdf$/, ''));
    const pdf = key === undefined ? undefined : render(key);
    if (!pdf) return { status: 403, body: null, text: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>', headers: { 'content-type': 'application/xml' } };
    return { status: 200, body: pdf, headers: { 'content-type': 'application/pdf' } };
  }
}
