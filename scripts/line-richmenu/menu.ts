/**
 * The resident's rich menu: four buttons under the chat, 2 × 2 on a 2500 × 843 image.
 *
 * Every button is a postback with `displayText`, so a tap shows up in the chat as the resident's own
 * words (as in the resident simulator, api/simulator/simulator-routes.ts) and reaches the webhook as
 * `menu=<key>`.
 */
import type { messagingApi } from '@line/bot-sdk';
import { type MenuKey, menuPostbackData } from '../../contracts/postbacks';

/** Menus carrying this name were made by this script; older ones are deleted when a new one is set. */
export const RICH_MENU_NAME = 'yorisoi-main';
export const RICH_MENU_SIZE = { width: 2500, height: 843 } as const;
/** ≤ 14 characters (LINE). */
export const CHAT_BAR_TEXT = 'メニュー';


export interface MenuButton {
  key: MenuKey;
  /** What the tap says in the chat, and the button's label. */
  label: string;
  /** The label as drawn on the image, broken where it reads naturally. */
  lines: string[];
  /** A short line under the label. */
  caption: string;
  /** Colours: card background, icon circle, text. */
  colors: { card: string; accent: string; text: string };
}

export const MENU_BUTTONS: readonly MenuButton[] = [
  {
    key: 'staff',
    label: 'よりそいスタッフに話しかける',
    lines: ['よりそいスタッフに', '話しかける'],
    caption: '専門の相談員とお話しできます',
    colors: { card: '#FFE3CC', accent: '#D9652B', text: '#3B2A20' },
  },
  {
    key: 'ai',
    label: 'AIと話す',
    lines: ['AIと話す'],
    caption: '24時間いつでも聴きます',
    colors: { card: '#DDF1E4', accent: '#2F8A5B', text: '#1F3329' },
  },
  {
    key: 'lines',
    label: '相談窓口一覧',
    lines: ['相談窓口一覧'],
    caption: '電話で相談できる窓口',
    colors: { card: '#DFEAF7', accent: '#3569A8', text: '#1E2C3D' },
  },
  {
    key: 'terms',
    label: '利用規約・プライバシー',
    lines: ['利用規約・プライバシー'],
    caption: '安心してご利用いただくために',
    colors: { card: '#ECE6F5', accent: '#6A4F9E', text: '#2A2238' },
  },
];

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The four cells, left to right, top to bottom; together they cover the whole image. */
export function buttonBounds(index: number): Bounds {
  const halfWidth = RICH_MENU_SIZE.width / 2;
  const topHeight = Math.floor(RICH_MENU_SIZE.height / 2);
  const column = index % 2;
  const row = Math.floor(index / 2);
  return {
    x: column * halfWidth,
    y: row * topHeight,
    width: halfWidth,
    height: row === 0 ? topHeight : RICH_MENU_SIZE.height - topHeight,
  };
}

/** The rich-menu object for `createRichMenu`. */
export function richMenuRequest(): messagingApi.RichMenuRequest {
  return {
    size: { ...RICH_MENU_SIZE },
    // Open by default: the menu is how a resident finds a person, so it should be seen.
    selected: true,
    name: RICH_MENU_NAME,
    chatBarText: CHAT_BAR_TEXT,
    areas: MENU_BUTTONS.map((button, i) => ({
      bounds: buttonBounds(i),
      action: { type: 'postback', label: button.label, data: menuPostbackData(button.key), displayText: button.label },
    })),
  };
}
