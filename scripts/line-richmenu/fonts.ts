/**
 * The Japanese font for the rich-menu image: Noto Sans JP from the `@fontsource/noto-sans-jp` npm
 * package (SIL Open Font License), so the image renders the same offline and on a fresh machine after
 * `npm install`, whatever fonts the system has.
 *
 * Fontsource splits the font by unicode range for browsers; besides the numbered slices it ships a
 * whole `japanese` subset (kana, the jōyō kanji and more, in one file per weight) and a `latin` one.
 * Both are registered under their own family names and used as a family list ("latin, japanese"), the
 * way a browser falls back from one @font-face to the next.
 *
 * The WOFF (not WOFF2) files are registered: @napi-rs/canvas (Skia) loads both, and WOFF tables are
 * plain zlib, so `missingGlyphs` can read the very file that draws the text and prove every character
 * is in it. That check matters because Skia silently falls back to system fonts: on a machine with
 * Noto CJK installed a missing glyph would look fine here and come out as tofu (□) elsewhere.
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { GlobalFonts } from '@napi-rs/canvas';

export type Weight = 400 | 700;

interface FontFile {
  family: string;
  weight: Weight;
  /** Module specifier inside @fontsource/noto-sans-jp (exported as "./files/*.woff"). */
  specifier: string;
}

const FONT_FILES: readonly FontFile[] = [
  { family: 'Yorisoi Noto Sans JP Latin', weight: 700, specifier: '@fontsource/noto-sans-jp/files/noto-sans-jp-latin-700-normal.woff' },
  { family: 'Yorisoi Noto Sans JP', weight: 700, specifier: '@fontsource/noto-sans-jp/files/noto-sans-jp-japanese-700-normal.woff' },
  { family: 'Yorisoi Noto Sans JP Latin', weight: 400, specifier: '@fontsource/noto-sans-jp/files/noto-sans-jp-latin-400-normal.woff' },
  { family: 'Yorisoi Noto Sans JP', weight: 400, specifier: '@fontsource/noto-sans-jp/files/noto-sans-jp-japanese-400-normal.woff' },
];

/** The CSS family list to put in `ctx.font`. */
export const FONT_FAMILY = '"Yorisoi Noto Sans JP Latin", "Yorisoi Noto Sans JP"';

let registered = false;

/** Registers the fonts once per process; throws (naming the file) if one cannot be loaded. */
export function registerFonts(): void {
  if (registered) return;
  for (const file of FONT_FILES) {
    const path = require.resolve(file.specifier);
    if (!GlobalFonts.registerFromPath(path, file.family)) throw new Error(`could not load the font ${path}`);
  }
  registered = true;
}

const fontBytes = new Map<string, Buffer>();
function readFont(file: FontFile): Buffer {
  let bytes = fontBytes.get(file.specifier);
  if (!bytes) {
    bytes = readFileSync(require.resolve(file.specifier));
    fontBytes.set(file.specifier, bytes);
  }
  return bytes;
}

/**
 * The characters of `text` (spaces and line breaks aside) that no registered font of `weight` has a
 * glyph for. Empty means the text renders with our font alone, on any machine.
 */
export function missingGlyphs(text: string, weight: Weight): string[] {
  const maps = FONT_FILES.filter((f) => f.weight === weight).map((f) => cmapOf(readFont(f)));
  const missing = new Set<string>();
  for (const ch of text) {
    if (/\s/.test(ch)) continue;
    const codePoint = ch.codePointAt(0) ?? 0;
    if (!maps.some((covers) => covers(codePoint))) missing.add(ch);
  }
  return [...missing];
}

// ---------------------------------------------------------------------------------------------
// A minimal WOFF 1.0 + OpenType `cmap` reader (formats 4 and 12, the ones Unicode fonts use).

function tableOf(woff: Buffer, tag: string): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
  const numTables = woff.readUInt16BE(12);
  for (let i = 0; i < numTables; i += 1) {
    const entry = 44 + i * 20;
    if (woff.toString('latin1', entry, entry + 4) !== tag) continue;
    const offset = woff.readUInt32BE(entry + 4);
    const compLength = woff.readUInt32BE(entry + 8);
    const origLength = woff.readUInt32BE(entry + 12);
    const data = woff.subarray(offset, offset + compLength);
    return compLength < origLength ? inflateSync(data) : Buffer.from(data);
  }
  throw new Error(`the font has no ${tag} table`);
}

/** A predicate telling whether the font maps a code point to a real glyph (not .notdef). */
function cmapOf(woff: Buffer): (codePoint: number) => boolean {
  const cmap = tableOf(woff, 'cmap');
  const lookups: ((cp: number) => number)[] = [];
  const numSubtables = cmap.readUInt16BE(2);
  for (let i = 0; i < numSubtables; i += 1) {
    const platform = cmap.readUInt16BE(4 + i * 8);
    const encoding = cmap.readUInt16BE(6 + i * 8);
    const offset = cmap.readUInt32BE(8 + i * 8);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const format = cmap.readUInt16BE(offset);
    if (format === 4) lookups.push(format4(cmap, offset));
    else if (format === 12) lookups.push(format12(cmap, offset));
  }
  if (lookups.length === 0) throw new Error('the font has no Unicode cmap');
  return (cp) => lookups.some((glyphOf) => glyphOf(cp) !== 0);
}

function format4(t: Buffer, base: number): (cp: number) => number {
  const segCount = t.readUInt16BE(base + 6) / 2;
  const ends = base + 14;
  const starts = ends + segCount * 2 + 2;
  const deltas = starts + segCount * 2;
  const rangeOffsets = deltas + segCount * 2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let s = 0; s < segCount; s += 1) {
      if (cp > t.readUInt16BE(ends + s * 2)) continue;
      const start = t.readUInt16BE(starts + s * 2);
      if (cp < start) return 0;
      const delta = t.readInt16BE(deltas + s * 2);
      const rangeOffsetAt = rangeOffsets + s * 2;
      const rangeOffset = t.readUInt16BE(rangeOffsetAt);
      if (rangeOffset === 0) return (cp + delta) & 0xffff;
      const glyph = t.readUInt16BE(rangeOffsetAt + rangeOffset + (cp - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

function format12(t: Buffer, base: number): (cp: number) => number {
  const numGroups = t.readUInt32BE(base + 12);
  return (cp) => {
    for (let g = 0; g < numGroups; g += 1) {
      const at = base + 16 + g * 12;
      const start = t.readUInt32BE(at);
      const end = t.readUInt32BE(at + 4);
      if (cp >= start && cp <= end) return t.readUInt32BE(at + 8) + (cp - start);
    }
    return 0;
  };
}
