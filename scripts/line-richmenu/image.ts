/**
 * Draws a language's rich-menu image (PNG, 2500 × 1686) with @napi-rs/canvas: no image assets, no network.
 *
 * On a phone the image is shown about 390 pt wide, i.e. at ~1/6.4 scale, so the labels are drawn at
 * ~90 px (≈14 pt on screen) and the captions at 50 px, dark on light pastel cards (contrast > 10:1).
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { fontFamily, missingGlyphs, registerFonts } from './fonts';
import { type Bounds, buttonBounds, type LanguageMenu, type MenuButton, type MenuIcon, RICH_MENU_SIZE } from './menu';

/** LINE's limit for a rich-menu image. */
export const MAX_IMAGE_BYTES = 1024 * 1024;

const BACKGROUND = '#FFFBF5';
const GAP = 14; // half the space between two cards
const CARD_RADIUS = 40;
const ICON_RADIUS = 104;
const LABEL_MAX_PX = 92;
const LABEL_MIN_PX = 60;
const CAPTION_PX = 50;

/** Every string drawn on a menu's image, by weight: what its fonts must cover. */
export function imageTexts(menu: LanguageMenu): { bold: string; regular: string } {
  return {
    bold: menu.buttons.flatMap((b) => b.lines).join(' '),
    regular: menu.buttons.map((b) => b.caption).join(' '),
  };
}

/** The characters of a menu's image that its bundled fonts do not have (empty: it renders the same anywhere). */
export function missingMenuGlyphs(menu: LanguageMenu): string[] {
  const texts = imageTexts(menu);
  return [...new Set([...missingGlyphs(texts.bold, 700, menu.language), ...missingGlyphs(texts.regular, 400, menu.language)])];
}

/** Renders a menu's image as PNG bytes; throws if a character is missing from its bundled fonts. */
export async function renderRichMenuImage(menu: LanguageMenu): Promise<Buffer> {
  registerFonts();
  const missing = missingMenuGlyphs(menu);
  if (missing.length > 0) throw new Error(`the bundled fonts for the ${menu.language} menu have no glyph for: ${missing.join(' ')}`);

  const canvas = createCanvas(RICH_MENU_SIZE.width, RICH_MENU_SIZE.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, RICH_MENU_SIZE.width, RICH_MENU_SIZE.height);
  const family = fontFamily(menu.language);
  menu.buttons.forEach((button, i) => drawButton(ctx, button, buttonBounds(i), family));

  const png = await canvas.encode('png');
  if (png.length > MAX_IMAGE_BYTES) throw new Error(`the rich-menu image is ${png.length} bytes; LINE accepts at most ${MAX_IMAGE_BYTES}`);
  return png;
}

function drawButton(ctx: SKRSContext2D, button: MenuButton, cell: Bounds, family: string): void {
  const card = { x: cell.x + GAP, y: cell.y + GAP, width: cell.width - 2 * GAP, height: cell.height - 2 * GAP };
  ctx.fillStyle = button.colors.card;
  roundedRect(ctx, card, CARD_RADIUS);
  ctx.fill();

  const iconX = card.x + 60 + ICON_RADIUS;
  const iconY = card.y + card.height / 2;
  ctx.fillStyle = button.colors.accent;
  ctx.beginPath();
  ctx.arc(iconX, iconY, ICON_RADIUS, 0, Math.PI * 2);
  ctx.fill();
  drawIcon(ctx, button.icon, iconX, iconY, button.colors.accent);

  // Text block, vertically centred beside the icon; the label shrinks if a line would not fit.
  const textX = iconX + ICON_RADIUS + 56;
  const textWidth = card.x + card.width - 40 - textX;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const widest = (lines: string[]) => Math.max(...lines.map((line) => ctx.measureText(line).width));
  let lines = button.lines;
  let labelPx = LABEL_MAX_PX;
  for (; labelPx > LABEL_MIN_PX; labelPx -= 2) {
    ctx.font = `700 ${labelPx}px ${family}`;
    if (widest(lines) <= textWidth) break;
  }
  // Still too wide at the smallest size (a long word-spaced label): break it at spaces instead.
  if (widest(lines) > textWidth) {
    labelPx = LABEL_MAX_PX;
    ctx.font = `700 ${labelPx}px ${family}`;
    lines = lines.flatMap((line) => wrapAtSpaces(line, (t) => ctx.measureText(t).width, textWidth));
    for (; labelPx > LABEL_MIN_PX && widest(lines) > textWidth; labelPx -= 2) ctx.font = `700 ${labelPx - 2}px ${family}`;
  }
  const labelLine = labelPx * 1.3;
  const captionLine = CAPTION_PX * 1.3;
  const captionGap = 12;
  const top = card.y + (card.height - (lines.length * labelLine + captionGap + captionLine)) / 2;
  ctx.fillStyle = button.colors.text;
  ctx.font = `700 ${labelPx}px ${family}`;
  // maxWidth: a line that still does not fit is narrowed rather than cut off at the card's edge.
  lines.forEach((line, i) => ctx.fillText(line, textX, top + labelLine * (i + 0.5), textWidth));
  ctx.font = `400 ${CAPTION_PX}px ${family}`;
  ctx.fillText(button.caption, textX, top + lines.length * labelLine + captionGap + captionLine / 2, textWidth);
}

/** Greedy line breaking at spaces: as many words per line as fit in `width`. */
function wrapAtSpaces(line: string, measure: (text: string) => number, width: number): string[] {
  const out: string[] = [];
  for (const word of line.split(' ')) {
    const last = out.at(-1);
    if (last !== undefined && measure(`${last} ${word}`) <= width) out[out.length - 1] = `${last} ${word}`;
    else out.push(word);
  }
  return out;
}

function roundedRect(ctx: SKRSContext2D, b: Bounds, r: number): void {
  ctx.beginPath();
  ctx.moveTo(b.x + r, b.y);
  ctx.arcTo(b.x + b.width, b.y, b.x + b.width, b.y + b.height, r);
  ctx.arcTo(b.x + b.width, b.y + b.height, b.x, b.y + b.height, r);
  ctx.arcTo(b.x, b.y + b.height, b.x, b.y, r);
  ctx.arcTo(b.x, b.y, b.x + b.width, b.y, r);
  ctx.closePath();
}

/** Simple white pictograms drawn with paths (no icon assets). */
function drawIcon(ctx: SKRSContext2D, key: MenuIcon, cx: number, cy: number, accent: string): void {
  ctx.fillStyle = '#FFFFFF';
  ctx.strokeStyle = '#FFFFFF';
  switch (key) {
    case 'staff': {
      // A person with a small heart: a human who cares.
      ctx.beginPath();
      ctx.arc(cx - 8, cy - 30, 28, 0, Math.PI * 2);
      ctx.fill();
      ctx.beginPath();
      ctx.ellipse(cx - 8, cy + 52, 52, 44, 0, Math.PI, 0);
      ctx.closePath();
      ctx.fill();
      heart(ctx, cx + 44, cy - 42, 20);
      break;
    }
    case 'ai': {
      // A speech bubble with three dots.
      roundedRect(ctx, { x: cx - 62, y: cy - 46, width: 124, height: 80 }, 24);
      ctx.fill();
      ctx.beginPath();
      ctx.moveTo(cx - 30, cy + 30);
      ctx.lineTo(cx - 44, cy + 58);
      ctx.lineTo(cx - 6, cy + 32);
      ctx.closePath();
      ctx.fill();
      ctx.fillStyle = accent;
      for (const dx of [-30, 0, 30]) {
        ctx.beginPath();
        ctx.arc(cx + dx, cy - 6, 9, 0, Math.PI * 2);
        ctx.fill();
      }
      break;
    }
    case 'lines': {
      // A list: three bullets and bars.
      for (const dy of [-38, 0, 38]) {
        ctx.beginPath();
        ctx.arc(cx - 44, cy + dy, 11, 0, Math.PI * 2);
        ctx.fill();
        roundedRect(ctx, { x: cx - 22, y: cy + dy - 9, width: 78, height: 18 }, 9);
        ctx.fill();
      }
      break;
    }
    case 'terms': {
      // A page with a folded corner and lines of text.
      ctx.beginPath();
      ctx.moveTo(cx - 44, cy - 58);
      ctx.lineTo(cx + 20, cy - 58);
      ctx.lineTo(cx + 44, cy - 34);
      ctx.lineTo(cx + 44, cy + 58);
      ctx.lineTo(cx - 44, cy + 58);
      ctx.closePath();
      ctx.fill();
      ctx.fillStyle = accent;
      for (const dy of [-18, 6, 30]) ctx.fillRect(cx - 26, cy + dy, 52, 8);
      break;
    }
    case 'language': {
      // A globe: a ring, its equator and two meridians.
      ctx.lineWidth = 10;
      ctx.beginPath();
      ctx.arc(cx, cy, 56, 0, Math.PI * 2);
      ctx.stroke();
      ctx.beginPath();
      ctx.ellipse(cx, cy, 24, 56, 0, 0, Math.PI * 2);
      ctx.stroke();
      ctx.beginPath();
      ctx.moveTo(cx - 56, cy);
      ctx.lineTo(cx + 56, cy);
      ctx.stroke();
      break;
    }
    case 'check-ins': {
      // An envelope with a pause sign: messages from us, held.
      roundedRect(ctx, { x: cx - 62, y: cy - 40, width: 124, height: 84 }, 12);
      ctx.fill();
      ctx.strokeStyle = accent;
      ctx.lineWidth = 8;
      ctx.beginPath();
      ctx.moveTo(cx - 54, cy - 32);
      ctx.lineTo(cx, cy + 6);
      ctx.lineTo(cx + 54, cy - 32);
      ctx.stroke();
      ctx.fillStyle = '#FFFFFF';
      ctx.beginPath();
      ctx.arc(cx + 50, cy + 44, 30, 0, Math.PI * 2);
      ctx.fill();
      ctx.fillStyle = accent;
      ctx.fillRect(cx + 38, cy + 30, 8, 28);
      ctx.fillRect(cx + 54, cy + 30, 8, 28);
      break;
    }
  }
}

function heart(ctx: SKRSContext2D, x: number, y: number, size: number): void {
  ctx.beginPath();
  ctx.moveTo(x, y + size * 0.35);
  ctx.bezierCurveTo(x, y, x - size, y, x - size, y + size * 0.4);
  ctx.bezierCurveTo(x - size, y + size * 0.85, x, y + size * 1.1, x, y + size * 1.4);
  ctx.bezierCurveTo(x, y + size * 1.1, x + size, y + size * 0.85, x + size, y + size * 0.4);
  ctx.bezierCurveTo(x + size, y, x, y, x, y + size * 0.35);
  ctx.fill();
}
