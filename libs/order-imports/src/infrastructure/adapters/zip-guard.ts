import { DomainError } from '@shipcrowd/kernel';

/** Limits for XLSX uploads (a zip): a real order sheet is far inside them; a zip bomb is not. */
export const ZIP_LIMITS = { maxEntries: 500, maxTotalUncompressed: 150 * 1024 * 1024, maxRatio: 120 };

function bomb(message: string): DomainError {
  return new DomainError('import.xlsx_rejected', `The XLSX file was refused: ${message}.`, 'validation', { errors: [{ field: 'file', message, code: 'import.xlsx_rejected' }] });
}

/**
 * Reads the zip's central directory (without inflating anything) and refuses archives with too many entries,
 * too much declared content, suspicious compression ratios, zip64 sizes, or no workbook part.
 */
export function assertSafeXlsx(bytes: Buffer, limits = ZIP_LIMITS): void {
  const searchFrom = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= searchFrom; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bomb('it is not a complete zip archive (XLSX files are zip archives)');
  const entries = bytes.readUInt16LE(eocd + 10);
  const dirOffset = bytes.readUInt32LE(eocd + 16);
  if (entries === 0xffff || dirOffset === 0xffffffff) throw bomb('zip64 archives are not accepted');
  if (entries > limits.maxEntries) throw bomb(`it has ${entries} parts (at most ${limits.maxEntries})`);
  let offset = dirOffset;
  let total = 0;
  let hasWorkbook = false;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) throw bomb('its zip directory is damaged');
    const compressed = bytes.readUInt32LE(offset + 20);
    const uncompressed = bytes.readUInt32LE(offset + 24);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const name = bytes.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff) throw bomb('zip64 archives are not accepted');
    if (name === 'xl/workbook.xml') hasWorkbook = true;
    total += uncompressed;
    if (total > limits.maxTotalUncompressed) throw bomb(`it unpacks to more than ${Math.round(limits.maxTotalUncompressed / 1048576)} MB`);
    if (uncompressed > 1024 * 1024 && uncompressed / Math.max(compressed, 1) > limits.maxRatio) throw bomb(`part ${name} is compressed ${Math.round(uncompressed / Math.max(compressed, 1))}:1 (a zip bomb?)`);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  if (!hasWorkbook) throw bomb('it is a zip archive but not an Excel workbook');
}
