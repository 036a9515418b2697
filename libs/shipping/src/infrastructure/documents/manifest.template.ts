import type { PDFOptions } from 'puppeteer-core';
import { BarcodeCache, barcodeBox } from './barcodes';
import type { ManifestShipment, ManifestView } from './document-views';
import { A4_DOCUMENT_CSS, documentHead, escapeHtml, formatIndiaDateTime, formatKg, formatRupees, html, htmlDocument, partyBlock } from './html';

export interface ManifestTotals {
  shipments: number;
  pieces: number;
  codShipments: number;
  codTotalPaise: number;
  weightGrams: number;
}

export function manifestTotals(shipments: readonly ManifestShipment[]): ManifestTotals {
  const totals: ManifestTotals = { shipments: shipments.length, pieces: 0, codShipments: 0, codTotalPaise: 0, weightGrams: 0 };
  for (const shipment of shipments) {
    totals.pieces += shipment.pieces ?? 1;
    totals.weightGrams += shipment.weightGrams;
    if (shipment.paymentMode === 'cod') {
      totals.codShipments++;
      totals.codTotalPaise += shipment.codAmountPaise ?? 0;
    }
  }
  return totals;
}

/** The hand-over sheet for one courier pickup at one warehouse: every AWB, the COD to account for, signatures. */
export function manifestHtml(view: ManifestView, barcodes = new BarcodeCache()): string {
  const totals = manifestTotals(view.shipments);
  const courier = view.courier.service ? `${view.courier.name} · ${view.courier.service}` : view.courier.name;
  const body = html`${documentHead(view.branding, 'PICKUP MANIFEST', html`<div class="mono">${view.manifestNumber}</div>${barcodeBox(barcodes.get(view.manifestNumber), 9, 0.3)}`)}
<div class="columns">
<div><div class="caption">Pickup from</div>${partyBlock(view.warehouse)}${view.warehouse.code ? html`<div>Warehouse code: <b>${view.warehouse.code}</b></div>` : null}</div>
<div><table class="facts">
<tr><td>Courier</td><td><b>${courier}</b></td></tr>
<tr><td>Pickup</td><td><b>${formatIndiaDateTime(view.pickup.scheduledAt)}</b></td></tr>
<tr><td>Pickup ID</td><td class="mono">${view.pickup.id ?? '—'}</td></tr>
<tr><td>Shipments</td><td><b>${totals.shipments}</b> (${totals.pieces} pieces, ${totals.codShipments} COD)</td></tr>
<tr><td>COD to collect</td><td><b>${formatRupees(totals.codTotalPaise)}</b></td></tr>
<tr><td>Generated</td><td>${formatIndiaDateTime(view.generatedAt)}</td></tr>
</table></div>
</div>
<table class="grid shipments"><thead><tr><th>#</th><th>AWB</th><th>Order</th><th>Payment</th><th class="num">COD amount</th><th class="num">Weight</th></tr></thead>
<tbody>${view.shipments.map(
    (shipment, i) => html`<tr><td>${i + 1}</td><td class="awb-cell">${barcodeBox(barcodes.get(shipment.awb), 8, 0.3)}<div class="mono">${shipment.awb}</div></td><td class="mono">${shipment.orderNumber}</td>
<td>${shipment.paymentMode === 'cod' ? html`<b>COD</b>` : 'Prepaid'}${(shipment.pieces ?? 1) > 1 ? ` · ${shipment.pieces} pcs` : ''}</td>
<td class="num">${shipment.paymentMode === 'cod' ? formatRupees(shipment.codAmountPaise ?? 0) : '—'}</td><td class="num">${formatKg(shipment.weightGrams)}</td></tr>`,
  )}</tbody>
<tfoot><tr><td colspan="2">Total: ${totals.shipments} shipments</td><td></td><td>${totals.codShipments} COD</td><td class="num">${formatRupees(totals.codTotalPaise)}</td><td class="num">${formatKg(totals.weightGrams)}</td></tr></tfoot></table>
<div class="signatures">
<div class="sign"><div class="caption">Seller (name, signature)</div></div>
<div class="sign"><div class="caption">Courier executive (name, ID, signature)</div></div>
<div class="sign"><div class="caption">Picked up at (date, time)</div></div>
</div>
<p class="muted note">The courier executive confirms receiving ${totals.shipments} shipments (${totals.pieces} pieces) listed above in good condition.</p>`;
  return htmlDocument(`Manifest ${view.manifestNumber}`, A4_DOCUMENT_CSS + MANIFEST_CSS, body);
}

/** Manifests run to many pages: each page says which manifest it belongs to and its number. */
export function manifestPdfOptions(view: ManifestView): PDFOptions {
  return {
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: `<div style="font-size:7pt;width:100%;padding:0 12mm;display:flex;justify-content:space-between;font-family:sans-serif">
<span>Manifest ${escapeHtml(view.manifestNumber)} · ${escapeHtml(view.courier.name)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
  };
}

const MANIFEST_CSS = `
.doc-title .barcode{margin-left:auto;margin-top:1mm}
.awb-cell{width:48mm}
.awb-cell .barcode{margin-bottom:0.5mm}
.signatures{display:flex;gap:5mm;margin-top:6mm;break-inside:avoid}
.sign{flex:1;height:24mm;border:0.3mm solid #000;padding:1.5mm}
.note{margin-top:3mm;font-size:7.5pt}
`;
