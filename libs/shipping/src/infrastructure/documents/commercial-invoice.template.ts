import { allocate, assertPaise, percentOf, roundHalfAwayFromZero, type Paise } from '@shipcrowd/kernel';
import type { CommercialInvoiceView, GstState, InvoiceLine } from './document-views';
import { A4_DOCUMENT_CSS, documentHead, formatIndiaDate, formatRupees, html, htmlDocument, partyBlock } from './html';

export interface InvoiceLineAmounts {
  line: InvoiceLine;
  grossPaise: Paise;
  taxablePaise: Paise;
  cgstPaise: Paise;
  sgstPaise: Paise;
  igstPaise: Paise;
  totalPaise: Paise;
}

export interface InvoiceAmounts {
  /** Line numbers (from 1) whose GST rate was not recorded; no tax is computed for them. */
  ratesNotRecorded: number[];
  /** IGST when the place of supply is in another state than the seller; CGST + SGST within the same state. */
  interState: boolean;
  placeOfSupply: GstState;
  lines: InvoiceLineAmounts[];
  taxablePaise: Paise;
  cgstPaise: Paise;
  sgstPaise: Paise;
  igstPaise: Paise;
  totalPaise: Paise;
}

export function invoiceAmounts(view: CommercialInvoiceView): InvoiceAmounts {
  const placeOfSupply = view.placeOfSupply ?? view.buyer.state;
  const interState = placeOfSupply.code !== view.seller.state.code;
  const lines = view.lines.map((line): InvoiceLineAmounts => {
    const grossPaise = assertPaise(roundHalfAwayFromZero(line.quantity * line.unitPricePaise), 'line amount');
    const taxablePaise = grossPaise - (line.discountPaise ?? 0);
    const tax = line.gstRatePercent === null ? 0 : percentOf(taxablePaise, line.gstRatePercent);
    // Halves that always add up to the tax: an odd paisa goes to CGST.
    const [cgstPaise, sgstPaise] = interState ? [0, 0] : allocate(tax, 2);
    const igstPaise = interState ? tax : 0;
    return { line, grossPaise, taxablePaise, cgstPaise, sgstPaise, igstPaise, totalPaise: taxablePaise + tax };
  });
  const sum = (pick: (l: InvoiceLineAmounts) => Paise): Paise => lines.reduce((total, l) => total + pick(l), 0);
  return {
    ratesNotRecorded: view.lines.flatMap((line, i) => (line.gstRatePercent === null ? [i + 1] : [])),
    interState,
    placeOfSupply,
    lines,
    taxablePaise: sum((l) => l.taxablePaise),
    cgstPaise: sum((l) => l.cgstPaise),
    sgstPaise: sum((l) => l.sgstPaise),
    igstPaise: sum((l) => l.igstPaise),
    totalPaise: sum((l) => l.totalPaise),
  };
}

/** A GST tax invoice (B2B: both GSTINs) for the goods in a shipment. */
export function commercialInvoiceHtml(view: CommercialInvoiceView): string {
  const amounts = invoiceAmounts(view);
  const { interState } = amounts;
  const taxHeads = interState ? html`<th class="num">IGST</th>` : html`<th class="num">CGST</th><th class="num">SGST</th>`;
  const taxCells = (a: { cgstPaise: Paise; sgstPaise: Paise; igstPaise: Paise }) =>
    interState ? html`<td class="num">${formatRupees(a.igstPaise)}</td>` : html`<td class="num">${formatRupees(a.cgstPaise)}</td><td class="num">${formatRupees(a.sgstPaise)}</td>`;
  const noTaxCells = interState ? html`<td class="num">—</td>` : html`<td class="num">—</td><td class="num">—</td>`;
  const { ratesNotRecorded } = amounts;
  const seller = view.seller;
  const body = html`${documentHead(view.branding, 'TAX INVOICE', html`<table class="facts ref">
<tr><td>Invoice no.</td><td><b class="mono">${view.invoiceNumber}</b></td></tr>
<tr><td>Invoice date</td><td>${view.invoiceDate ? formatIndiaDate(view.invoiceDate) : 'not recorded'}</td></tr>
${view.orderNumber ? html`<tr><td>Order</td><td class="mono">${view.orderNumber}</td></tr>` : null}
${view.awb ? html`<tr><td>AWB</td><td class="mono">${view.awb}${view.courierName ? ` (${view.courierName})` : ''}</td></tr>` : null}
</table>`)}
<div class="columns">
<div><div class="caption">Seller</div>${partyBlock(seller)}<div>State: ${seller.state.name} (${seller.state.code})</div></div>
<div><div class="caption">Bill to</div>${partyBlock(view.buyer)}<div>State: ${view.buyer.state.name} (${view.buyer.state.code})</div></div>
${view.shipTo ? html`<div><div class="caption">Ship to</div>${partyBlock(view.shipTo)}</div>` : null}
</div>
<p class="supply">Place of supply: <b>${amounts.placeOfSupply.name} (${amounts.placeOfSupply.code})</b> · ${interState ? 'Inter-state supply: IGST' : 'Intra-state supply: CGST + SGST'} · Tax payable on reverse charge: No</p>
<table class="grid lines"><thead><tr><th>#</th><th>Description</th><th>HSN</th><th class="num">Qty</th><th class="num">Rate</th><th class="num">Discount</th><th class="num">Taxable value</th><th class="num">GST</th>${taxHeads}<th class="num">Total</th></tr></thead>
<tbody>${amounts.lines.map(
    (a, i) => html`<tr><td>${i + 1}</td><td>${a.line.description}</td><td class="mono">${a.line.hsn ?? '—'}</td><td class="num">${a.line.quantity}${a.line.unit ? ` ${a.line.unit}` : ''}</td>
<td class="num">${formatRupees(a.line.unitPricePaise)}</td><td class="num">${a.line.discountPaise ? formatRupees(a.line.discountPaise) : '—'}</td><td class="num">${formatRupees(a.taxablePaise)}</td>
${a.line.gstRatePercent === null ? html`<td class="num">not recorded</td>${noTaxCells}` : html`<td class="num">${a.line.gstRatePercent}%</td>${taxCells(a)}`}<td class="num">${formatRupees(a.totalPaise)}</td></tr>`,
  )}</tbody>
<tfoot><tr><td colspan="6">Total</td><td class="num">${formatRupees(amounts.taxablePaise)}</td><td></td>${taxCells(amounts)}<td class="num grand">${formatRupees(amounts.totalPaise)}</td></tr></tfoot></table>
<table class="facts summary">
<tr><td>Taxable value</td><td class="num">${formatRupees(amounts.taxablePaise)}</td></tr>
${interState ? html`<tr><td>IGST</td><td class="num">${formatRupees(amounts.igstPaise)}</td></tr>` : html`<tr><td>CGST</td><td class="num">${formatRupees(amounts.cgstPaise)}</td></tr><tr><td>SGST</td><td class="num">${formatRupees(amounts.sgstPaise)}</td></tr>`}
<tr class="grand"><td>Invoice total</td><td class="num">${formatRupees(amounts.totalPaise)}</td></tr>
</table>
${ratesNotRecorded.length ? html`<p class="notes rates-missing">GST rate not recorded for line${ratesNotRecorded.length > 1 ? 's' : ''} ${ratesNotRecorded.join(', ')}: no tax is computed for ${ratesNotRecorded.length > 1 ? 'them' : 'it'}.</p>` : null}
${view.notes ? html`<p class="notes">${view.notes}</p>` : null}
<div class="signatory">For ${seller.name}<div class="sign-space"></div>Authorised signatory</div>`;
  return htmlDocument(`Invoice ${view.invoiceNumber}`, A4_DOCUMENT_CSS + INVOICE_CSS, body);
}

const INVOICE_CSS = `
.supply{margin-bottom:3mm}
.lines{font-size:7.5pt}
.summary{margin-left:auto;min-width:70mm}
.summary .num{text-align:right}
.summary .grand td{font-weight:700;font-size:10pt;border-top:0.3mm solid #000;padding-top:1mm}
.notes{margin-top:4mm;white-space:pre-line}
.signatory{margin-top:10mm;margin-left:auto;width:70mm;text-align:center;break-inside:avoid}
.sign-space{height:15mm}
`;
