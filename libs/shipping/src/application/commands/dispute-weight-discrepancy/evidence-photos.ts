import { imageSize } from 'image-size';
import { DomainError, FieldError } from '@shipcrowd/kernel';

export const MAX_EVIDENCE_PHOTOS = 5;
export const EVIDENCE_PHOTO_MAX_BYTES = 5 * 1_048_576;

/** Raster formats every browser shows; SVG can carry scripts and HEIC does not display everywhere, so both are refused. */
const FORMATS: Record<string, { ext: string; contentType: string }> = {
  png: { ext: 'png', contentType: 'image/png' },
  jpg: { ext: 'jpg', contentType: 'image/jpeg' },
  webp: { ext: 'webp', contentType: 'image/webp' },
};

export interface CheckedPhoto {
  bytes: Buffer;
  ext: string;
  contentType: string;
}

function formatOf(bytes: Buffer): { ext: string; contentType: string } | undefined {
  try {
    const { type, width, height } = imageSize(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
    return type && width && height ? FORMATS[type] : undefined;
  } catch {
    return undefined;
  }
}

/** Reads each photo's real type from its bytes (never the file name or declared type); names every bad one. */
export function checkEvidencePhotos(photos: readonly Buffer[]): CheckedPhoto[] {
  if (photos.length < 1 || photos.length > MAX_EVIDENCE_PHOTOS) {
    throw new DomainError('weight_discrepancy.photo_count', `Attach 1 to ${MAX_EVIDENCE_PHOTOS} photos of the parcel; ${photos.length} were sent.`, 'validation', {
      errors: [{ field: 'photos', message: `needs 1 to ${MAX_EVIDENCE_PHOTOS} images`, code: photos.length ? 'too_many' : 'required' }],
    });
  }
  const errors: FieldError[] = [];
  const checked = photos.map((bytes, i) => {
    const format = formatOf(bytes);
    if (bytes.length > EVIDENCE_PHOTO_MAX_BYTES) errors.push({ field: `photos[${i}]`, message: 'is larger than 5 MB', code: 'too_large' });
    else if (!format) errors.push({ field: `photos[${i}]`, message: 'must be a PNG, JPEG or WebP image', code: 'unsupported_type' });
    return { bytes, ext: format?.ext ?? '', contentType: format?.contentType ?? '' };
  });
  if (errors.length) throw new DomainError('weight_discrepancy.invalid_photo', 'Photos must be PNG, JPEG or WebP images of at most 5 MB each.', 'validation', { errors });
  return checked;
}
