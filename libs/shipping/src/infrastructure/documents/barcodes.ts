import bwipjs from 'bwip-js';
import { escapeHtml, SafeHtml } from './html';

export interface Code128 {
  /** Inline <svg> that stretches to its container (the container sets the printed size). */
  svg: SafeHtml;
  /** Width in modules including the quiet zones: how wide it must print for its narrowest bar to stay scannable. */
  modules: number;
}

/** Code 128 covers ASCII; AWBs and order numbers are printable ASCII. */
const PRINTABLE_ASCII = /^[\x20-\x7e]{1,80}$/;
/** Code 128 wants ten modules of white on each side. */
export const QUIET_ZONE_MODULES = 10;

/**
 * Code 128 from bwip-js's encoder (`raw`: the bar/space widths, "^" literal since parse/parsefnc stay off), drawn as
 * one SVG path. The same bars as bwip-js `toSVG` (a spec checks that) at a tenth of the cost: toSVG also runs the
 * PostScript renderer, about 1 ms a barcode, which is most of a second for a 500-label batch (1,000 barcodes).
 * No text inside: the templates print the human-readable value as escaped HTML.
 */
export function code128Svg(value: string): Code128 {
  if (!PRINTABLE_ASCII.test(value)) throw new RangeError(`Cannot print "${value.slice(0, 80)}" as a Code 128 barcode: printable ASCII, 1 to 80 characters`);
  const [symbol] = bwipjs.raw('code128', value, '');
  if (!('sbs' in symbol)) throw new Error('bwip-js returned a matrix for Code 128');
  let x = QUIET_ZONE_MODULES;
  let path = '';
  // sbs alternates bar and space widths, starting with a bar.
  symbol.sbs.forEach((width, i) => {
    if (i % 2 === 0) path += `M${x} 0h${width}v1h-${width}z`;
    x += width;
  });
  const modules = x + QUIET_ZONE_MODULES;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${modules} 1" preserveAspectRatio="none" shape-rendering="crispEdges" role="img" aria-label="${escapeHtml(value)}"><path d="${path}"/></svg>`;
  return { svg: new SafeHtml(svg), modules };
}

/** Generates each value's barcode once per document batch, however many labels or rows print it. */
export class BarcodeCache {
  private readonly byValue = new Map<string, Code128>();

  get(value: string): Code128 {
    let barcode = this.byValue.get(value);
    if (!barcode) {
      barcode = code128Svg(value);
      this.byValue.set(value, barcode);
    }
    return barcode;
  }

  /** How many distinct barcodes were generated. */
  get size(): number {
    return this.byValue.size;
  }
}

/**
 * A barcode in a box of the given height. The width is capped at `maxModuleMm` per module so that a short value is not
 * stretched into bars wider than scanners like, and it fills the box when the value is long.
 */
export function barcodeBox(barcode: Code128, heightMm: number, maxModuleMm = 0.5): SafeHtml {
  const width = `min(100%, ${(barcode.modules * maxModuleMm).toFixed(1)}mm)`;
  return new SafeHtml(`<div class="barcode" style="height:${heightMm}mm;width:${width}">${barcode.svg.value}</div>`);
}
