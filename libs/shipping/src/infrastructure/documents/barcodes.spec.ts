import bwipjs from 'bwip-js';
import { BarcodeCache, code128Svg, QUIET_ZONE_MODULES } from './barcodes';

/** Bars as [left edge, width] in modules. */
type Bar = [number, number];

function barsOfOurSvg(svg: string): Bar[] {
  return [...svg.matchAll(/M(\d+) 0h(\d+)v1h-\d+z/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** toSVG strokes each bar along its centre line: x is the centre, stroke-width the width. */
function barsOfBwipSvg(svg: string): Bar[] {
  const bars: Bar[] = [];
  for (const [, width, d] of svg.matchAll(/stroke-width="(\d+)" d="([^"]+)"/g)) {
    for (const [, centre] of d.matchAll(/M([\d.]+) \d+L/g)) bars.push([Number(centre) - Number(width) / 2, Number(width)]);
  }
  return bars.sort((a, b) => a[0] - b[0]);
}

describe('Code 128 barcodes', () => {
  it.each(['SCA0000000042', 'KC-2026-10042', 'ab^c~{|}', '1', 'INV/26-27/4102 X'])('draws the same bars as bwip-js toSVG for %p', (value) => {
    const ours = code128Svg(value);
    const reference = bwipjs.toSVG({ bcid: 'code128', text: value, scale: 1, height: 10, paddingwidth: QUIET_ZONE_MODULES });
    expect(barsOfOurSvg(ours.svg.value)).toEqual(barsOfBwipSvg(reference));
    expect(barsOfOurSvg(ours.svg.value).length).toBeGreaterThan(5);
    expect(ours.modules).toBe(Number(/viewBox="0 0 (\d+)/.exec(reference)![1]));
  });

  it('keeps a quiet zone of ten modules on both sides', () => {
    const { svg, modules } = code128Svg('SCA0000000001');
    const bars = barsOfOurSvg(svg.value);
    expect(bars[0][0]).toBe(10);
    const [left, width] = bars[bars.length - 1];
    expect(modules - (left + width)).toBe(10);
  });

  it('escapes the value it names in the SVG and carries no text of its own', () => {
    const { svg } = code128Svg('A"<b>&\'');
    expect(svg.value).toContain('aria-label="A&quot;&lt;b&gt;&amp;&#39;"');
    expect(svg.value).not.toContain('<b>');
    expect(svg.value).not.toMatch(/<text|<script|<foreignObject/);
  });

  it('refuses values Code 128 cannot carry', () => {
    expect(() => code128Svg('')).toThrow(RangeError);
    expect(() => code128Svg('AWB₹1')).toThrow(/printable ASCII/);
    expect(() => code128Svg('A\nB')).toThrow(RangeError);
    expect(() => code128Svg('9'.repeat(81))).toThrow(RangeError);
  });

  it('generates each value once per cache', () => {
    const cache = new BarcodeCache();
    const first = cache.get('SCA1');
    expect(cache.get('SCA1')).toBe(first);
    cache.get('SCA2');
    expect(cache.size).toBe(2);
  });
});
