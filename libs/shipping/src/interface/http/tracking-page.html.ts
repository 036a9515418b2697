import type { ShipmentStatus } from '@shipcrowd/couriers/contracts';
import type { PublicTracking } from '../../application/queries/public-tracking/public-tracking.handler';
import type { SellerBranding } from '../../application/seller-branding';
import { brandColour, formatIndiaDate, formatIndiaDateTime, html, imageDataUrl, SafeHtml } from '../../infrastructure/documents/html';

/** The page loads nothing from anywhere (no scripts, fonts or remote images), frames nowhere and submits nothing. */
export const TRACKING_PAGE_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const BUYER_STATUS: Record<ShipmentStatus, string> = {
  booked: 'Order packed, awaiting pickup',
  manifested: 'Order packed, awaiting pickup',
  pickup_scheduled: 'Pickup scheduled',
  picked_up: 'Picked up by the courier',
  in_transit: 'In transit',
  out_for_delivery: 'Out for delivery',
  ndr: 'Delivery attempted',
  delivered: 'Delivered',
  rto_initiated: 'Returning to the seller',
  rto_in_transit: 'Returning to the seller',
  rto_delivered: 'Returned to the seller',
  lost: 'Lost in transit',
  damaged: 'Damaged in transit',
  cancelled: 'Cancelled',
  exception: 'Update from the courier',
};

export const buyerStatus = (status: string): string => BUYER_STATUS[status as ShipmentStatus] ?? 'Update from the courier';

/** The buyer's view of a shipment: the seller's name, colour and logo when known, then status and timeline (newest first). */
export function trackingPageHtml(tracking: PublicTracking, branding: SellerBranding | null): string {
  const delivered = tracking.status === 'delivered';
  const expected = tracking.expectedDeliveryDate && !delivered ? formatIndiaDate(indiaMidnight(tracking.expectedDeliveryDate)) : null;
  const scans = [...tracking.timeline].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime());
  const title = branding ? `Track your order from ${branding.companyName}` : 'Track your shipment';
  return page(title, branding, html`<section class="summary">
<p class="muted">${tracking.courierName} · AWB <span class="mono">${tracking.awb}</span></p>
<h1>${buyerStatus(tracking.status)}</h1>
<p class="muted">${delivered ? 'Delivered on' : 'Updated'} ${formatIndiaDateTime(tracking.statusAt)}</p>
${expected ? html`<p class="expected">Expected delivery <b>${expected}</b></p>` : null}
${tracking.destinationCity ? html`<p class="muted">Going to ${tracking.destinationCity}</p>` : null}
</section>
<section><h2>Tracking history</h2>
${scans.length
  ? html`<ol class="timeline">${scans.map((scan) => html`<li><time>${formatIndiaDateTime(scan.occurredAt)}</time><div>${scan.description || buyerStatus(scan.status)}</div>${scan.location ? html`<div class="muted">${scan.location}</div>` : null}</li>`)}</ol>`
  : html`<p class="muted">The courier has not scanned the parcel yet. Updates appear here as it moves.</p>`}
</section>`);
}

/** For an AWB nobody ships (or not yet): what to check, with the number as typed. */
export function trackingNotFoundHtml(awb: string): string {
  return page('Shipment not found', null, html`<section class="summary">
<h1>We could not find this shipment</h1>
<p>No shipment has the tracking number <span class="mono">${awb}</span>.</p>
<p class="muted">Check the number in your shipping message or email. A new shipment can take a few hours to appear after the seller ships it.</p>
</section>`);
}

function page(title: string, branding: SellerBranding | null, main: SafeHtml): string {
  const logo = imageDataUrl(branding?.logoDataUrl);
  const colour = branding ? brandColour(branding) : DEFAULT_COLOUR;
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title><style>${new SafeHtml(PAGE_CSS)}</style></head>
<body style="--brand:${colour}"><header class="brand">${logo ? html`<img class="logo" src="${logo}" alt="">` : null}<span class="company">${branding?.companyName ?? 'Shipment tracking'}</span></header>
<main>${main}</main>
<footer class="muted">Tracking by Shipcrowd</footer></body></html>`.value;
}

const DEFAULT_COLOUR = '#1f3a5f';

/** An expected delivery date (YYYY-MM-DD, India) as the instant it starts there. */
const indiaMidnight = (date: string) => new Date(`${date}T00:00:00+05:30`);

const PAGE_CSS = `*{box-sizing:border-box;margin:0;padding:0}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1a1a1a;background:#f5f6f8;line-height:1.4}
.brand{display:flex;align-items:center;gap:12px;padding:16px 20px;background:#fff;border-top:4px solid var(--brand)}
.logo{max-height:40px;max-width:140px}
.company{font-weight:700;font-size:1.2rem;color:var(--brand)}
main{max-width:640px;margin:0 auto;padding:16px}
section{background:#fff;border-radius:8px;padding:16px 20px;margin-bottom:16px}
h1{font-size:1.5rem;color:var(--brand);margin:4px 0 8px}
h2{font-size:1rem;margin-bottom:12px}
p{margin:4px 0}
.muted{color:#5a5f66;font-size:.9rem}
.mono{font-family:ui-monospace,"Noto Sans Mono",monospace}
.expected{font-size:1.05rem}
.timeline{list-style:none;border-left:2px solid var(--brand);margin-left:6px}
.timeline li{position:relative;padding:0 0 16px 18px}
.timeline li::before{content:"";position:absolute;left:-7px;top:4px;width:12px;height:12px;border-radius:50%;background:var(--brand)}
.timeline li:not(:first-child)::before{background:#fff;border:2px solid var(--brand)}
time{display:block;font-size:.85rem;color:#5a5f66}
footer{text-align:center;padding:8px 0 24px}
`;
