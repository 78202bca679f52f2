/**
 * The fonts for the rich-menu images, from Fontsource npm packages (SIL Open Font License), so an image
 * renders the same offline and on a fresh machine after `npm install`, whatever fonts the system has:
 * Noto Sans JP for Japanese, and for the other languages Noto Sans (Latin, Latin Extended, Vietnamese)
 * with Noto Sans SC, KR or Devanagari for their scripts, and Noto Sans JP last.
 *
 * Fontsource splits each font by unicode range for browsers; besides the numbered slices it ships whole
 * subsets (`japanese`, `korean`, `chinese-simplified`, `devanagari`, `latin` …, one file per weight).
 * Each is registered under its own family name and used in a family list, the way a browser falls back
 * from one @font-face to the next. The order matters for Han characters: Japanese forms for Japanese,
 * Simplified Chinese forms for Chinese.
 *
 * The WOFF (not WOFF2) files are registered: @napi-rs/canvas (Skia) loads both, and WOFF tables are
 * plain zlib, so `missingGlyphs` can read the very files that draw the text and prove every character
 * is in them. That check matters because Skia silently falls back to system fonts: on a machine with
 * Noto CJK installed a missing glyph would look fine here and come out as tofu (□) elsewhere.
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { GlobalFonts } from '@napi-rs/canvas';

export type Weight = 400 | 700;

/** One Fontsource subset: registered as `Yorisoi <name>`, files `<package>/files/<file>-<weight>-normal.woff`. */
interface Subset {
  name: string;
  /** Module specifier without the weight, e.g. '@fontsource/noto-sans-jp/files/noto-sans-jp-japanese'. */
  file: string;
}

const SUBSETS = {
  jpLatin: { name: 'Noto Sans JP Latin', file: '@fontsource/noto-sans-jp/files/noto-sans-jp-latin' },
  jp: { name: 'Noto Sans JP', file: '@fontsource/noto-sans-jp/files/noto-sans-jp-japanese' },
  latin: { name: 'Noto Sans Latin', file: '@fontsource/noto-sans/files/noto-sans-latin' },
  latinExt: { name: 'Noto Sans Latin Ext', file: '@fontsource/noto-sans/files/noto-sans-latin-ext' },
  vietnamese: { name: 'Noto Sans Vietnamese', file: '@fontsource/noto-sans/files/noto-sans-vietnamese' },
  sc: { name: 'Noto Sans SC', file: '@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified' },
  kr: { name: 'Noto Sans KR', file: '@fontsource/noto-sans-kr/files/noto-sans-kr-korean' },
  devanagari: { name: 'Noto Sans Devanagari', file: '@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-devanagari' },
} as const satisfies Record<string, Subset>;
type SubsetKey = keyof typeof SUBSETS;

/** The font for a script other than Latin, by primary language subtag. */
const SCRIPT_SUBSETS: Record<string, SubsetKey> = { zh: 'sc', ko: 'kr', ne: 'devanagari', hi: 'devanagari', mr: 'devanagari' };

/** The subsets a language's image is drawn with, in fallback order. */
function subsetsFor(language: string): SubsetKey[] {
  const primary = language.toLowerCase().split('-')[0];
  if (primary === 'ja') return ['jpLatin', 'jp'];
  const script = SCRIPT_SUBSETS[primary];
  return ['latin', 'latinExt', 'vietnamese', ...(script ? [script] : []), 'jp'];
}

const familyName = (key: SubsetKey) => `Yorisoi ${SUBSETS[key].name}`;
const specifier = (key: SubsetKey, weight: Weight) => `${SUBSETS[key].file}-${weight}-normal.woff`;

/** The CSS family list to put in `ctx.font` for a language. */
export function fontFamily(language: string): string {
  return subsetsFor(language)
    .map((key) => `"${familyName(key)}"`)
    .join(', ');
}

let registered = false;

/** Registers the fonts once per process; throws (naming the file) if one cannot be loaded. */
export function registerFonts(): void {
  if (registered) return;
  for (const key of Object.keys(SUBSETS) as SubsetKey[]) {
    for (const weight of [400, 700] as const) {
      const path = require.resolve(specifier(key, weight));
      if (!GlobalFonts.registerFromPath(path, familyName(key))) throw new Error(`could not load the font ${path}`);
    }
  }
  registered = true;
}

const cmaps = new Map<string, (codePoint: number) => boolean>();
function cmapFor(file: string): (codePoint: number) => boolean {
  let covers = cmaps.get(file);
  if (!covers) {
    covers = cmapOf(readFileSync(require.resolve(file)));
    cmaps.set(file, covers);
  }
  return covers;
}

/**
 * The characters of `text` (spaces and line breaks aside) that no font of `language`'s list has a
 * glyph for at `weight`. Empty means the text renders with our fonts alone, on any machine.
 */
export function missingGlyphs(text: string, weight: Weight, language = 'ja'): string[] {
  const maps = subsetsFor(language).map((key) => cmapFor(specifier(key, weight)));
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
