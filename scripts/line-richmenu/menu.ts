/**
 * The resident's rich menu: six buttons under the chat, 2 columns × 3 rows on a 2500 × 1686 image
 * (LINE's large size: on a phone each button is about 88 pt tall, easy to read and to tap).
 *
 * Every button is a postback with `displayText`, so a tap shows up in the chat as the resident's own
 * words (as in the resident simulator, api/simulator/simulator-routes.ts) and reaches the webhook as
 * `menu=<key>`, or, for stopping the caring check-ins, as the check-in's own 「もう送らないで」 answer.
 */
import type { messagingApi } from '@line/bot-sdk';
import { menuPostbackData } from '../../contracts/postbacks';
import { CHECK_IN_POSTBACK } from '../../workflows/check-ins/check-in-policy';

/** Menus carrying this name were made by this script; older ones are deleted when a new one is set. */
export const RICH_MENU_NAME = 'yorisoi-main';
export const RICH_MENU_SIZE = { width: 2500, height: 1686 } as const;
const COLUMNS = 2;
const ROWS = 3;
/** ≤ 14 characters (LINE). */
export const CHAT_BAR_TEXT = 'メニュー';


/** Which pictogram the image draws for a button. */
export type MenuIcon = 'staff' | 'ai' | 'lines' | 'language' | 'check-ins' | 'terms';

export interface MenuButton {
  icon: MenuIcon;
  /** The postback the tap sends. */
  data: string;
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
    icon: 'staff',
    data: menuPostbackData('staff'),
    label: 'よりそいスタッフに話しかける',
    lines: ['よりそいスタッフに', '話しかける'],
    caption: '専門の相談員とお話しできます',
    colors: { card: '#FFE3CC', accent: '#D9652B', text: '#3B2A20' },
  },
  {
    icon: 'ai',
    data: menuPostbackData('ai'),
    label: 'AIと話す',
    lines: ['AIと話す'],
    caption: '24時間いつでも聴きます',
    colors: { card: '#DDF1E4', accent: '#2F8A5B', text: '#1F3329' },
  },
  {
    icon: 'lines',
    data: menuPostbackData('lines'),
    label: '相談窓口一覧',
    lines: ['相談窓口一覧'],
    caption: '電話で相談できる窓口',
    colors: { card: '#DFEAF7', accent: '#3569A8', text: '#1E2C3D' },
  },
  {
    icon: 'language',
    data: menuPostbackData('language'),
    label: '言語 / Language',
    lines: ['言語 / Language'],
    caption: 'ほかの言語でも話せます',
    colors: { card: '#FFF1C9', accent: '#B7831A', text: '#3A2E12' },
  },
  {
    icon: 'check-ins',
    data: CHECK_IN_POSTBACK.stop,
    label: '見守りメッセージを止める',
    lines: ['見守りメッセージを', '止める'],
    caption: 'こちらからの連絡を止めます',
    colors: { card: '#E6EEE9', accent: '#5B7F6C', text: '#22302A' },
  },
  {
    icon: 'terms',
    data: menuPostbackData('terms'),
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

/** The cells, left to right, top to bottom; together they cover the whole image (the last row takes the remainder). */
export function buttonBounds(index: number): Bounds {
  const width = RICH_MENU_SIZE.width / COLUMNS;
  const height = Math.floor(RICH_MENU_SIZE.height / ROWS);
  const column = index % COLUMNS;
  const row = Math.floor(index / COLUMNS);
  return { x: column * width, y: row * height, width, height: row === ROWS - 1 ? RICH_MENU_SIZE.height - row * height : height };
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
      action: { type: 'postback', label: button.label, data: button.data, displayText: button.label },
    })),
  };
}
