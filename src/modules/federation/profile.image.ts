// What an uploaded logo really is, decided from its first bytes only: the
// file name and the content type the browser sent are never trusted. SVG is
// not accepted at all (it can carry scripts).

export const LOGO_MAX_BYTES = 512 * 1024;

export interface ImageKind {
  contentType: 'image/png' | 'image/jpeg' | 'image/webp';
  ext: 'png' | 'jpg' | 'webp';
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function sniffImage(bytes: Buffer): ImageKind | undefined {
  // PNG: the 8-byte signature, then the IHDR chunk first.
  if (bytes.length >= 24 && bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.toString('latin1', 12, 16) === 'IHDR') {
    return { contentType: 'image/png', ext: 'png' };
  }
  // JPEG: start-of-image, then a marker.
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return { contentType: 'image/jpeg', ext: 'jpg' };
  }
  // WebP: a RIFF container of form type WEBP holding a VP8, VP8L or VP8X chunk.
  if (
    bytes.length >= 16 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP' &&
    /^VP8[ LX]$/.test(bytes.toString('latin1', 12, 16))
  ) {
    return { contentType: 'image/webp', ext: 'webp' };
  }
  return undefined;
}

const extOf: Record<string, ImageKind['ext']> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };
export const extensionOf = (contentType: string): string => extOf[contentType] ?? 'bin';
