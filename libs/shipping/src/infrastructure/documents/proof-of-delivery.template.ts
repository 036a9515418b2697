import { BarcodeCache, barcodeBox } from './barcodes';
import type { ProofOfDeliveryView } from './document-views';
import { A4_DOCUMENT_CSS, documentHead, formatIndiaDateTime, formatRupees, html, htmlDocument, imageDataUrl, partyBlock } from './html';

/** Who received the parcel, when and where, and how it got there. */
export function proofOfDeliveryHtml(view: ProofOfDeliveryView, barcodes = new BarcodeCache()): string {
  const signature = imageDataUrl(view.signatureDataUrl);
  const photo = imageDataUrl(view.photoDataUrl);
  const courier = view.courier.service ? `${view.courier.name} · ${view.courier.service}` : view.courier.name;
  const timeline = [...view.timeline].sort((a, b) => a.at.getTime() - b.at.getTime());
  const body = html`${documentHead(view.branding, 'PROOF OF DELIVERY', html`${barcodeBox(barcodes.get(view.awb), 12, 0.35)}<div class="mono">AWB ${view.awb}</div>`)}
<div class="columns">
<div><table class="facts">
<tr><td>Delivered at</td><td><b>${formatIndiaDateTime(view.deliveredAt)}</b></td></tr>
<tr><td>Received by</td><td><b>${view.receivedBy.name}</b>${view.receivedBy.relation ? ` (${view.receivedBy.relation})` : ''}</td></tr>
${view.deliveryLocation ? html`<tr><td>Location</td><td>${view.deliveryLocation}</td></tr>` : null}
${view.otpVerified === undefined ? null : html`<tr><td>Delivery OTP</td><td>${view.otpVerified ? 'Verified' : 'Not verified'}</td></tr>`}
<tr><td>Payment</td><td>${view.paymentMode === 'cod' ? html`COD · collected <b>${formatRupees(view.codCollectedPaise ?? 0)}</b>` : 'Prepaid'}</td></tr>
<tr><td>Courier</td><td>${courier}</td></tr>
<tr><td>Order</td><td class="mono">${view.orderNumber}</td></tr>
</table></div>
<div><div class="caption">Consignee</div>${partyBlock(view.consignee, { maskPhone: true })}</div>
</div>
${signature || photo ? html`<div class="evidence">${signature ? html`<figure><img src="${signature}" alt="Signature"><figcaption>Signature</figcaption></figure>` : null}${photo ? html`<figure><img src="${photo}" alt="Delivery photo"><figcaption>Photo at delivery</figcaption></figure>` : null}</div>` : null}
<div class="caption">Shipment timeline</div>
<table class="grid timeline"><thead><tr><th>Time (IST)</th><th>Status</th><th>Location</th><th>Remark</th></tr></thead>
<tbody>${timeline.map((event) => html`<tr><td class="when">${formatIndiaDateTime(event.at)}</td><td>${event.status}</td><td>${event.location ?? ''}</td><td>${event.remark ?? ''}</td></tr>`)}</tbody></table>`;
  return htmlDocument(`Proof of delivery ${view.awb}`, A4_DOCUMENT_CSS + POD_CSS, body);
}

const POD_CSS = `
.doc-title .barcode{margin-left:auto;margin-top:1mm}
.evidence{display:flex;gap:6mm;margin-bottom:4mm}
.evidence figure{border:0.2mm solid #999;padding:2mm;text-align:center}
.evidence img{max-height:35mm;max-width:70mm;min-height:10mm;object-fit:contain;image-rendering:pixelated}
.evidence figcaption{font-size:7pt;color:#444}
.timeline .when{white-space:nowrap}
`;
