import { formatPaise, type Paise } from '@shipcrowd/kernel';
import type { Branding, Party } from './document-views';

/** Markup that is already safe to place in a document (built by `html` or by a trusted generator). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

type Interpolation = SafeHtml | string | number | null | undefined | false | readonly Interpolation[];

/** Template tag: every interpolated value is escaped unless it is SafeHtml; arrays are joined; null/undefined/false print nothing. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += interpolate(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

function interpolate(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(interpolate).join('');
  return escapeHtml(String(value));
}

/**
 * A whole document. The Content-Security-Policy forbids scripts and every fetch except data: URLs, so even a
 * value that slipped past escaping could neither run nor reach the network while Chromium prints it.
 */
export function htmlDocument(title: string, css: string, body: SafeHtml | SafeHtml[]): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'">
<title>${title}</title><style>${new SafeHtml(BASE_CSS + css)}</style></head><body>${body}</body></html>`.value;
}

const BASE_CSS = `*{box-sizing:border-box;margin:0;padding:0}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-family:"Noto Sans","DejaVu Sans","Liberation Sans",Arial,sans-serif;color:#000;line-height:1.25}
table{border-collapse:collapse}
.muted{color:#444}
.mono{font-family:"Noto Sans Mono","DejaVu Sans Mono","Liberation Mono",monospace}
`;

/** ₹ with Indian digit grouping (₹1,23,456.78), from paise without floating point. */
export function formatRupees(paise: Paise): string {
  const [whole, fraction] = formatPaise(paise).split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  const lastThree = digits.slice(-3);
  const rest = digits.slice(0, -3);
  const grouped = rest ? `${rest.replace(/\B(?=(\d{2})+$)/g, ',')},${lastThree}` : lastThree;
  return `${negative ? '-' : ''}₹${grouped}.${fraction}`;
}

const KG = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 3 });
export function formatKg(grams: number): string {
  return `${KG.format(grams / 1000)} kg`;
}

const INDIA_DATE = new Intl.DateTimeFormat('en-IN', { timeZone: 'Asia/Kolkata', day: '2-digit', month: 'short', year: 'numeric' });
const INDIA_DATE_TIME = new Intl.DateTimeFormat('en-IN', {
  timeZone: 'Asia/Kolkata',
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
export const formatIndiaDate = (at: Date): string => INDIA_DATE.format(at);
export const formatIndiaDateTime = (at: Date): string => `${INDIA_DATE_TIME.format(at)} IST`;

/** Keeps the first two and last two digits of the national number: labels pass through many hands. */
export function maskPhone(phone: string): string {
  let digits = phone.replace(/\D/g, '');
  if (digits.length > 10 && digits.startsWith('91')) digits = digits.slice(2);
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${digits.slice(0, 2)}${'*'.repeat(digits.length - 4)}${digits.slice(-2)}`;
}

const IMAGE_DATA_URL = /^data:image\/(?:png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+=*$/;
/** Only inline images are printed; anything else (an https URL, a javascript: URL) is left out rather than fetched. */
export function imageDataUrl(value: string | undefined): string | undefined {
  return value && IMAGE_DATA_URL.test(value) ? value : undefined;
}

export function brandColour(branding: Branding): string {
  return branding.brandColour && /^#(?:[0-9a-fA-F]{3}){1,2}$/.test(branding.brandColour) ? branding.brandColour : '#000000';
}

export function brandHeader(branding: Branding): SafeHtml {
  const logo = imageDataUrl(branding.logoDataUrl);
  return html`<div class="brand">${logo ? html`<img class="logo" src="${logo}" alt="">` : null}<span class="company" style="color:${brandColour(branding)}">${branding.companyName}</span></div>`;
}

export interface PartyOptions {
  maskPhone?: boolean;
}

/** Name, address, PIN, phone and GSTIN of a party, in that order. */
export function partyBlock(party: Party, options: PartyOptions = {}): SafeHtml {
  const { address } = party;
  const phone = party.phone && (options.maskPhone ? maskPhone(party.phone) : party.phone);
  return html`<div class="party"><div class="party-name">${party.name}</div>
${address.lines.filter(Boolean).map((line) => html`<div>${line}</div>`)}
<div>${address.city}, ${address.state} <span class="pin">${address.pincode}</span></div>
${phone ? html`<div>Ph: <span class="phone">${phone}</span></div>` : null}
${party.gstin ? html`<div>GSTIN: <span class="mono">${party.gstin}</span></div>` : null}</div>`;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Letter-like A4 documents (manifest, invoice, proof of delivery): heading, fact tables, a ruled data table. */
export const A4_DOCUMENT_CSS = `@page{size:A4;margin:12mm 12mm 16mm}
body{font-size:8.5pt}
.doc-head{display:flex;justify-content:space-between;align-items:flex-start;border-bottom:0.6mm solid var(--brand);padding-bottom:3mm;margin-bottom:4mm}
.brand{display:flex;align-items:center;gap:2mm}
.logo{max-height:12mm;max-width:35mm}
.company{font-weight:700;font-size:14pt;white-space:nowrap}
.doc-title{text-align:right}
.doc-title h1{font-size:15pt;letter-spacing:0.5pt}
.caption{font-size:7pt;text-transform:uppercase;letter-spacing:0.3pt;color:#444;margin-bottom:0.8mm}
.columns{display:flex;gap:6mm;margin-bottom:4mm}
.columns>div{flex:1;min-width:0}
.party-name{font-weight:700}
.pin{font-weight:700}
.facts td{padding:0.6mm 3mm 0.6mm 0;vertical-align:top}
.facts td:first-child{color:#444;white-space:nowrap}
.grid{width:100%;margin-bottom:4mm}
.grid th{background:#eee;text-align:left;font-size:7.5pt;border:0.2mm solid #777;padding:1.2mm 1.5mm}
.grid td{border:0.2mm solid #999;padding:1.2mm 1.5mm;vertical-align:middle}
.grid thead{display:table-header-group}
.grid tr{break-inside:avoid}
.grid .num{text-align:right;white-space:nowrap}
.grid tfoot td{font-weight:700;background:#f4f4f4}
.barcode svg{display:block;width:100%;height:100%}
`;

/** The page heading shared by the A4 documents: branding on the left, title and reference on the right. */
export function documentHead(branding: Branding, title: string, reference: SafeHtml): SafeHtml {
  return html`<header class="doc-head" style="--brand:${brandColour(branding)}">${brandHeader(branding)}<div class="doc-title"><h1>${title}</h1>${reference}</div></header>`;
}
