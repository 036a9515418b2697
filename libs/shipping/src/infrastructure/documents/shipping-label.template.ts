import { BarcodeCache, barcodeBox } from './barcodes';
import type { LabelItem, ShippingLabelView } from './document-views';
import { brandHeader, chunk, formatIndiaDate, formatKg, formatRupees, html, htmlDocument, partyBlock, type SafeHtml } from './html';

/** '4x6': one label per 4 x 6 inch thermal page. 'a4': four labels per A4 sheet (2 x 2), to cut along the guides. */
export type LabelFormat = '4x6' | 'a4';

export const LABELS_PER_PAGE: Record<LabelFormat, number> = { '4x6': 1, a4: 4 };

const ITEMS_SHOWN = 3;

/** The labels, in the order given, as one printable document. */
export function shippingLabelsHtml(views: readonly ShippingLabelView[], format: LabelFormat, barcodes = new BarcodeCache()): string {
  const labels = views.map((view) => labelHtml(view, barcodes));
  const pages =
    format === '4x6'
      ? labels.map((label) => html`<section class="page">${label}</section>`)
      : chunk(labels, LABELS_PER_PAGE.a4).map((sheet) => html`<section class="page">${sheet.map((label) => html`<div class="cell">${label}</div>`)}</section>`);
  const title = views.length === 1 ? `Shipping label ${views[0].awb}` : `Shipping labels (${views.length})`;
  return htmlDocument(title, LABEL_CSS + PAGE_CSS[format], pages);
}

function labelHtml(view: ShippingLabelView, barcodes: BarcodeCache): SafeHtml {
  const forward = view.direction === 'forward';
  const codAmount = view.paymentMode === 'cod' ? view.codAmountPaise : undefined;
  const { package: parcel, piece, invoice } = view;
  if (view.paymentMode === 'cod' && codAmount === undefined) throw new RangeError(`COD label ${view.awb} has no codAmountPaise`);
  return html`<article class="label${forward ? '' : ' reverse'}" data-awb="${view.awb}">
<header class="row head">${brandHeader(view.branding)}<div class="courier"><div class="courier-name">${view.courier.name}</div><div>${view.courier.service}</div><div class="muted">${formatIndiaDate(view.labelDate)}</div></div></header>
${forward ? null : html`<div class="row banner">${view.direction === 'rto' ? 'RTO · RETURN TO ORIGIN' : 'RETURN'}</div>`}
<div class="row awb">${barcodeBox(barcodes.get(view.awb), 16)}<div class="awb-text">AWB <span class="mono">${view.awb}</span></div></div>
<div class="row split"><div class="route"><div class="caption">Sort code</div><div class="route-code">${view.routingCode ?? '—'}</div></div>
<div class="payment ${view.paymentMode}">${codAmount !== undefined ? html`<div class="caption">COD · collect</div><div class="amount">${formatRupees(codAmount)}</div>` : html`<div class="amount">PREPAID</div><div class="caption">Do not collect cash</div>`}</div></div>
<div class="row to"><div class="caption">${forward ? 'Deliver to' : 'Return to seller'}</div>${partyBlock(view.consignee, { maskPhone: forward })}</div>
<div class="row split"><div class="order"><div class="caption">Order</div>${barcodeBox(barcodes.get(view.orderNumber), 8, 0.33)}<div class="mono">${view.orderNumber}</div></div>
<div class="parcel"><div>${formatKg(parcel.weightGrams)}</div><div>${parcel.lengthCm} × ${parcel.breadthCm} × ${parcel.heightCm} cm</div>
${piece ? html`<div class="piece">Piece ${piece.number} of ${piece.count}</div>${barcodeBox(barcodes.get(piece.childAwb), 7, 0.3)}<div>Child AWB <span class="mono">${piece.childAwb}</span></div>` : null}</div></div>
<div class="row details">${invoice ? html`<div>Invoice <b>${invoice.number}</b> · value <b>${formatRupees(invoice.valuePaise)}</b></div>` : null}<div class="items">${itemSummary(view.items)}</div></div>
<div class="row split from"><div><div class="caption">${forward ? 'Shipper' : 'Pickup from (buyer)'}</div>${partyBlock(view.shipper, { maskPhone: !forward })}</div>
${view.returnAddress ? html`<div><div class="caption">If undelivered, return to</div>${partyBlock(view.returnAddress)}</div>` : null}</div>
</article>`;
}

function itemSummary(items: readonly LabelItem[]): string {
  const shown = items.slice(0, ITEMS_SHOWN).map((item) => `${item.quantity} × ${item.name}${item.sku ? ` (${item.sku})` : ''}`);
  const more = items.length - ITEMS_SHOWN;
  return shown.join('; ') + (more > 0 ? `; +${more} more` : '');
}

const LABEL_CSS = `
.label{height:100%;display:flex;flex-direction:column;border:0.4mm solid #000;font-size:7.5pt;overflow:hidden}
.row{border-bottom:0.3mm solid #000;padding:1.2mm 2mm}
.row:last-child{border-bottom:0}
.caption{font-size:6pt;text-transform:uppercase;letter-spacing:0.3pt;color:#333}
.head{display:flex;justify-content:space-between;align-items:center;gap:2mm}
.brand{display:flex;align-items:center;gap:1.5mm;min-width:0}
.logo{max-height:9mm;max-width:22mm}
.company{font-weight:700;font-size:10pt}
.courier{text-align:right;font-size:7pt}
.courier-name{font-weight:800;font-size:11pt}
.banner{background:#000;color:#fff;text-align:center;font-weight:900;font-size:16pt;letter-spacing:2pt;padding:0.8mm}
.awb{display:flex;flex-direction:column;align-items:center}
.barcode svg{display:block;width:100%;height:100%}
.awb-text{font-size:11pt;font-weight:700;margin-top:0.6mm}
.split{display:flex;gap:2mm}
.split>div{flex:1;min-width:0}
.route-code{font-size:18pt;font-weight:900;line-height:1.05;overflow-wrap:anywhere}
.payment{border-left:0.3mm solid #000;padding-left:2mm;text-align:center}
.payment .amount{font-size:16pt;font-weight:900}
.payment.cod{background:#000;color:#fff}
.payment.cod .caption{color:#fff}
.to{flex:1;font-size:8.5pt}
.party-name{font-weight:700}
.to .party-name{font-size:10pt}
.pin{font-weight:900;font-size:12pt}
.order .barcode{margin:0.5mm 0}
.parcel{font-size:8pt}
.parcel .barcode{margin-top:0.5mm}
.piece{font-weight:900;font-size:11pt}
.details{font-size:7pt}
.items{overflow:hidden;max-height:7mm}
.from{font-size:6.5pt}
.from .pin{font-size:7pt}
`;

const PAGE_CSS: Record<LabelFormat, string> = {
  '4x6': `@page{size:4in 6in;margin:0}
.page{width:4in;height:6in;padding:1.5mm;overflow:hidden}
.page+.page{break-before:page}`,
  a4: `@page{size:A4;margin:0}
.page{width:210mm;height:297mm;display:grid;grid-template-columns:105mm 105mm;grid-template-rows:148.5mm 148.5mm;overflow:hidden}
.page+.page{break-before:page}
.cell{padding:3mm;outline:0.2mm dashed #999;outline-offset:-0.1mm;overflow:hidden}`,
};
