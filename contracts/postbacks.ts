/**
 * The rich menu's postback values (`menu=<key>`): sent by LINE when a resident taps a button, and by the
 * resident simulator's menu strip; read by the consultation workflow.
 */
export const MENU_KEYS = ['staff', 'ai', 'lines', 'language', 'terms'] as const;
export type MenuKey = (typeof MENU_KEYS)[number];

export const menuPostbackData = (key: MenuKey) => `menu=${key}`;
