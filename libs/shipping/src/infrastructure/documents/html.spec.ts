import { brandColour, escapeHtml, formatKg, formatRupees, html, imageDataUrl, maskPhone, SafeHtml } from './html';

describe('document HTML helpers', () => {
  it('escapes every interpolated value unless it is already safe markup', () => {
    const name = '<img src=x onerror="alert(1)">&\'';
    const out = html`<p title="${name}">${name}${new SafeHtml('<b>ok</b>')}${[1, null, 'a<b']}${undefined}${false}</p>`.value;
    expect(out).toBe(`<p title="${escapeHtml(name)}">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;<b>ok</b>1a&lt;b</p>`);
  });

  it.each([
    [0, '₹0.00'],
    [5, '₹0.05'],
    [129_900, '₹1,299.00'],
    [12_345_678, '₹1,23,456.78'],
    [123_456_789_01, '₹12,34,56,789.01'],
    [-250_050, '-₹2,500.50'],
  ])('prints %p paise as %p with Indian digit grouping', (paise, text) => {
    expect(formatRupees(paise)).toBe(text);
  });

  it('prints weights in kilograms from grams', () => {
    expect(formatKg(500)).toBe('0.5 kg');
    expect(formatKg(12_345)).toBe('12.345 kg');
  });

  it.each([
    ['+91 98765 43210', '98******10'],
    ['9812345678', '98******78'],
    ['+919444012345', '94******45'],
    ['080 4123 4567', '08*******67'],
    ['1234', '****'],
  ])('masks the middle digits of %p', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('accepts only inline images, never a URL that would be fetched', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(imageDataUrl(png)).toBe(png);
    expect(imageDataUrl('https://cdn.example.com/logo.png')).toBeUndefined();
    expect(imageDataUrl('javascript:alert(1)')).toBeUndefined();
    expect(imageDataUrl('data:text/html;base64,PHNjcmlwdD4=')).toBeUndefined();
    expect(imageDataUrl('data:image/png;base64,AAAA" onerror="x')).toBeUndefined();
  });

  it('uses the brand colour only when it is a hex colour', () => {
    expect(brandColour({ companyName: 'A', brandColour: '#8a1c4a' })).toBe('#8a1c4a');
    expect(brandColour({ companyName: 'A', brandColour: 'red;background:url(https://x)' })).toBe('#000000');
  });
});
