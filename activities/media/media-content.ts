/**
 * Which content residents send we keep, and how big. Pure: tested without LINE or a database.
 *
 * The declared type must be on the list and, for images (shown inline in the admin app), the first
 * bytes must say the same: a file that claims to be a PNG but is not is never served as an image.
 */
export const MAX_MEDIA_BYTES = 10 * 1024 * 1024;

const IMAGE_SIGNATURES: Record<string, (head: Buffer) => boolean> = {
  'image/png': (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff,
  'image/gif': (h) => h.subarray(0, 4).toString('latin1') === 'GIF8',
  'image/webp': (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP',
};

/** Kept, but only ever offered as a download (never rendered by the browser). */
const DOWNLOAD_TYPES = new Set(['application/pdf', 'video/mp4', 'audio/mp4', 'audio/x-m4a', 'audio/m4a', 'audio/aac', 'text/plain']);

/** The media type without parameters, lower-cased (`image/PNG; x=y` → `image/png`). */
export function baseContentType(header: string | null | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

export const isInlineImage = (contentType: string) => contentType in IMAGE_SIGNATURES;

export type ContentVerdict = 'stored' | 'unsupported' | 'too_large';

export function judgeContent(contentType: string, bytes: Buffer): ContentVerdict {
  if (bytes.length > MAX_MEDIA_BYTES) return 'too_large';
  const sniff = IMAGE_SIGNATURES[contentType];
  if (sniff) return sniff(bytes) ? 'stored' : 'unsupported';
  return DOWNLOAD_TYPES.has(contentType) ? 'stored' : 'unsupported';
}
