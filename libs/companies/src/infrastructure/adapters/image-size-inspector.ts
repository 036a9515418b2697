import { Injectable } from '@nestjs/common';
import { imageSize } from 'image-size';
import { ImageFacts, ImageInspector } from '../../application/ports/image-inspector.port';

/** `image-size` reads type and dimensions from the header bytes of PNG, JPEG, WebP, SVG, GIF and others. */
@Injectable()
export class ImageSizeInspector extends ImageInspector {
  inspect(bytes: Buffer): ImageFacts | null {
    try {
      const result = imageSize(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
      if (!result.type || !result.width || !result.height) return null;
      return { type: result.type, width: result.width, height: result.height };
    } catch {
      return null;
    }
  }
}
