/**
 * The resident's rich menu: six buttons under the chat, 2 columns × 3 rows on a 2500 × 1686 image
 * (LINE's large size: on a phone each button is about 88 pt tall, easy to read and to tap).
 *
 * One menu per language of the profile, its words from that language's catalogue (labels `menuStaff` …,
 * and the keys of platform/config/rich-menu-texts.ts). Every button is a postback with `displayText`,
 * so a tap shows up in the chat as the resident's own words (as in the resident simulator,
 * api/simulator/simulator-routes.ts) and reaches the webhook as `menu=<key>`, or, for stopping the
 * caring check-ins, as the check-in's own 「もう送らないで」 answer: the same data in every language.
 */
import type { messagingApi } from '@line/bot-sdk';
import { menuPostbackData } from '../../contracts/postbacks';
import type { MunicipalityProfile } from '../../platform/config/profile';
import { CHECK_IN_POSTBACK } from '../../workflows/check-ins/check-in-policy';
import { JAPANESE } from '../../workflows/consultation/language';

/** Menus carrying this name, or this name and a language (`yorisoi-main-vi`), were made by this script; older ones are deleted when new ones are set. */
export const RICH_MENU_NAME = 'yorisoi-main';
export const richMenuName = (language: string) => `${RICH_MENU_NAME}-${language}`;
export const isOwnMenu = (name: string) => name === RICH_MENU_NAME || name.startsWith(`${RICH_MENU_NAME}-`);
export const RICH_MENU_SIZE = { width: 2500, height: 1686 } as const;
const COLUMNS = 2;
const ROWS = 3;

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

type Texts = MunicipalityProfile['texts'];
/** A button's place, colours and postback, and the catalogue keys of its words. */
const LAYOUT: { icon: MenuIcon; data: string; label: keyof Texts; image: keyof Texts; caption: keyof Texts; colors: MenuButton['colors'] }[] = [
  { icon: 'staff', data: menuPostbackData('staff'), label: 'menuStaff', image: 'menuStaffImage', caption: 'menuStaffCaption', colors: { card: '#FFE3CC', accent: '#D9652B', text: '#3B2A20' } },
  { icon: 'ai', data: menuPostbackData('ai'), label: 'menuAi', image: 'menuAiImage', caption: 'menuAiCaption', colors: { card: '#DDF1E4', accent: '#2F8A5B', text: '#1F3329' } },
  { icon: 'lines', data: menuPostbackData('lines'), label: 'menuLines', image: 'menuLinesImage', caption: 'menuLinesCaption', colors: { card: '#DFEAF7', accent: '#3569A8', text: '#1E2C3D' } },
  { icon: 'language', data: menuPostbackData('language'), label: 'menuLanguage', image: 'menuLanguageImage', caption: 'menuLanguageCaption', colors: { card: '#FFF1C9', accent: '#B7831A', text: '#3A2E12' } },
  { icon: 'check-ins', data: CHECK_IN_POSTBACK.stop, label: 'menuCheckIns', image: 'menuCheckInsImage', caption: 'menuCheckInsCaption', colors: { card: '#E6EEE9', accent: '#5B7F6C', text: '#22302A' } },
  { icon: 'terms', data: menuPostbackData('terms'), label: 'menuTerms', image: 'menuTermsImage', caption: 'menuTermsCaption', colors: { card: '#ECE6F5', accent: '#6A4F9E', text: '#2A2238' } },
];

/** The menu of one language: its chat-bar text and six buttons. */
export interface LanguageMenu {
  language: string;
  chatBarText: string;
  buttons: MenuButton[];
}

/** The languages that get a menu: Japanese (the default for everyone) first, then the profile's. */
export const menuLanguages = (profile: MunicipalityProfile): string[] => [JAPANESE, ...Object.keys(profile.languages)];

/**
 * A language's menu from its catalogue: each word the language leaves out is read in Japanese, except
 * the image lines, which default to the language's own label.
 */
export function languageMenu(profile: MunicipalityProfile, language: string): LanguageMenu {
  const ja = profile.texts;
  const own: Partial<Record<keyof Texts, unknown>> = language === JAPANESE ? ja : profile.languages[language]?.texts;
  if (!own) throw new Error(`the profile has no language ${language}`);
  const word = (key: keyof Texts) => String(own[key] ?? ja[key]);
  return {
    language,
    chatBarText: word('menuChatBar'),
    buttons: LAYOUT.map((b) => ({
      icon: b.icon,
      data: b.data,
      label: word(b.label),
      lines: String(own[b.image] ?? word(b.label)).split('\n'),
      caption: word(b.caption),
      colors: b.colors,
    })),
  };
}

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
export function richMenuRequest(menu: LanguageMenu): messagingApi.RichMenuRequest {
  return {
    size: { ...RICH_MENU_SIZE },
    // Open by default: the menu is how a resident finds a person, so it should be seen.
    selected: true,
    name: richMenuName(menu.language),
    chatBarText: menu.chatBarText,
    areas: menu.buttons.map((button, i) => ({
      bounds: buttonBounds(i),
      action: { type: 'postback', label: button.label, data: button.data, displayText: button.label },
    })),
  };
}
