/** Reads an image's real type and size from its bytes (never from the file name or declared content type). */
export interface ImageFacts {
  type: string;
  width: number;
  height: number;
}

export abstract class ImageInspector {
  /** null when the bytes are not an image this inspector recognises. */
  abstract inspect(bytes: Buffer): ImageFacts | null;
}
