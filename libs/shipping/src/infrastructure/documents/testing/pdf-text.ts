/**
 * Reads back the text Chromium printed on each page of a PDF, for specs and the bench: enough to check what is on a
 * page and in which order. It knows Chromium's output only (Type0 fonts, Identity-H, a ToUnicode map, hex strings).
 */
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFPage } from 'pdf-lib';

export async function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
  const document = await PDFDocument.load(pdf);
  return document.getPages().map(pageText);
}

function pageText(page: PDFPage): string {
  const fonts = fontMaps(page);
  const content = contentStreams(page)
    .map((stream) => Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1'))
    .join('\n');
  let font: Map<string, string> | undefined;
  let text = '';
  // Font selection (/F4 16 Tf), single strings (<0024> Tj) and arrays with kerning ([<0024> -12 <003A>] TJ).
  for (const match of content.matchAll(/\/([^\s/]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\[([^\]]*)\]\s*TJ|\bET\b/g)) {
    if (match[1] !== undefined) font = fonts.get(match[1]);
    else if (match[2] !== undefined) text += decode(match[2], font);
    else if (match[3] !== undefined) text += [...match[3].matchAll(/<([0-9A-Fa-f]*)>/g)].map((part) => decode(part[1], font)).join('');
    else text += ' ';
  }
  return text.replace(/\s+/g, ' ').trim();
}

function decode(hex: string, font: Map<string, string> | undefined): string {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += font?.get(hex.slice(i, i + 4).toUpperCase()) ?? '';
  return out;
}

function contentStreams(page: PDFPage): PDFRawStream[] {
  const contents = page.node.Contents();
  if (!contents) return [];
  const items = contents instanceof PDFArray ? contents.asArray().map((ref) => page.doc.context.lookup(ref)) : [contents];
  return items.filter((item): item is PDFRawStream => item instanceof PDFRawStream);
}

/** Font resource name -> (glyph code -> text), from each font's ToUnicode CMap. */
function fontMaps(page: PDFPage): Map<string, Map<string, string>> {
  const maps = new Map<string, Map<string, string>>();
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  if (!fonts) return maps;
  for (const [name, ref] of fonts.entries()) {
    const font = page.doc.context.lookup(ref, PDFDict);
    const toUnicode = font.lookup(PDFName.of('ToUnicode'));
    if (toUnicode instanceof PDFRawStream) maps.set(name.decodeText(), parseCMap(Buffer.from(decodePDFRawStream(toUnicode).decode()).toString('latin1')));
  }
  return maps;
}

function parseCMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, target] of section[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(code.toUpperCase(), utf16(target));
  }
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low, high, target] of section[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const first = parseInt(target, 16);
      for (let code = parseInt(low, 16); code <= parseInt(high, 16); code++) {
        map.set(code.toString(16).toUpperCase().padStart(4, '0'), String.fromCharCode(first + code - parseInt(low, 16)));
      }
    }
  }
  return map;
}
