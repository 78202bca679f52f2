// `npm run line:richmenu`: draws the residents' rich menus, one per language of the municipality
// profile (MUNICIPALITY_PROFILE, default profiles/example.yaml), makes the Japanese one the channel's
// default and names each by an alias `yorisoi-<language>`, which the worker uses to give a resident
// the menu of their language (activities/line-activities.ts, linkResidentRichMenu).
//
//   npm run line:richmenu                           create them, set the default and the aliases, delete older ones
//   npm run line:richmenu -- --save-image menu.png  …and keep a copy of the Japanese image (menu-vi.png … for the others)
//   npm run line:richmenu -- --image-only menu.png  only draw the images (no LINE call)
//
// With DATABASE_URL (as in production), the residents linked to a language's old menu are moved to its
// new one before the old menus are deleted; without it they see the default menu until their language
// next changes.
//
// Where it goes (the same rule as `npm start`): LINE_API_BASE_URL / LINE_DATA_API_BASE_URL when set;
// else LINE itself in production (NODE_ENV=production, LINE_CHANNEL_ACCESS_TOKEN required); else the
// local LINE stand-in that `npm start` runs on LINE_STAND_IN_PORT, so nothing reaches the real LINE
// by accident. LINE allows 100 rich-menu creations/deletions an hour: this uses two per language and run
// (the example profile's nine languages: 18).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HTTPFetchError } from '@line/bot-sdk';
import { ConfigError } from '../platform/config';
import { loadEnv } from '../platform/config/env';
import { loadProfile } from '../platform/config/profile';
import { createDb } from '../platform/db';
import { JAPANESE } from '../workflows/consultation/language';
import { renderRichMenuImage } from './line-richmenu/image';
import { languageMenu, menuLanguages } from './line-richmenu/menu';
import { createRichMenuClients, publishRichMenus } from './line-richmenu/publish';
import { residentsByLanguage } from './line-richmenu/residents-by-language';

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`${flag} needs a file name`);
  return value;
}

/** `menu.png` for Japanese, `menu-vi.png` beside it for Vietnamese. */
function save(file: string, language: string, png: Buffer): void {
  const parsed = path.parse(path.resolve(file));
  const target = language === JAPANESE ? path.resolve(file) : path.join(parsed.dir, `${parsed.name}-${language}${parsed.ext}`);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, png);
  console.log(`Image saved to ${target}`);
}

const LINE_KEYS = ['LINE_CHANNEL_ACCESS_TOKEN', 'LINE_API_BASE_URL', 'LINE_DATA_API_BASE_URL', 'LINE_STAND_IN_PORT', 'DATABASE_URL'] as const;

/**
 * Only the LINE settings (and the optional DATABASE_URL), validated by the same schema as everywhere else.
 * loadEnv() in production also demands Temporal and encryption settings, which a rich menu does not need,
 * so these keys are validated on their own (development rules: the stand-in's default token) and production's
 * one requirement here, a real access token, is checked separately.
 */
function lineSettings(source: NodeJS.ProcessEnv = process.env) {
  const production = source.NODE_ENV === 'production';
  if (production && !source.LINE_CHANNEL_ACCESS_TOKEN?.trim()) {
    throw new ConfigError('environment', ['LINE_CHANNEL_ACCESS_TOKEN: required when NODE_ENV=production']);
  }
  const env = loadEnv(Object.fromEntries(LINE_KEYS.flatMap((key) => (source[key] === undefined ? [] : [[key, source[key]]]))));
  return { env, production };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const imageOnly = argValue(args, '--image-only');
  const saveImage = argValue(args, '--save-image');

  // Settings first: a bad one should stop the run before any work.
  const settings = imageOnly ? undefined : lineSettings();
  const profile = loadProfile(process.env.MUNICIPALITY_PROFILE ?? 'profiles/example.yaml');
  const menus = [];
  for (const language of menuLanguages(profile)) {
    const menu = languageMenu(profile, language);
    const image = await renderRichMenuImage(menu);
    console.log(`Rich-menu image (${language}): 2500 × 1686 PNG, ${image.length} bytes`);
    if (imageOnly ?? saveImage) save((imageOnly ?? saveImage)!, language, image);
    menus.push({ menu, image });
  }
  if (!settings) return;

  const { env, production } = settings;
  const standIn = `http://127.0.0.1:${env.LINE_STAND_IN_PORT}`;
  const apiBaseUrl = env.LINE_API_BASE_URL ?? (production ? undefined : standIn);
  const dataApiBaseUrl = env.LINE_DATA_API_BASE_URL ?? apiBaseUrl;
  console.log(
    apiBaseUrl === standIn
      ? `Not production and no LINE_API_BASE_URL: using the local LINE stand-in at ${standIn} (run \`npm start\` first).`
      : `Messaging API: ${apiBaseUrl ?? 'https://api.line.me'}`,
  );

  const clients = createRichMenuClients({ channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN ?? '', apiBaseUrl, dataApiBaseUrl });
  const db = env.DATABASE_URL ? createDb(env.DATABASE_URL, { min: 0, max: 1 }) : undefined;
  try {
    const residents = db ? () => residentsByLanguage(db, profile) : undefined;
    const { defaultRichMenuId, richMenuIds, deleted, relinked } = await publishRichMenus(clients, menus, (line) => console.log(`  ${line}`), residents);
    console.log(
      `Done: ${defaultRichMenuId} is the default rich menu; ${Object.keys(richMenuIds).length} language menus with aliases` +
        `${deleted.length ? `; deleted ${deleted.length} older one(s)` : ''}` +
        `${db ? `; ${relinked} resident(s) moved to their language's new menu` : ''}.`,
    );
  } finally {
    await db?.destroy();
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78); // EX_CONFIG
  }
  if (err instanceof HTTPFetchError) {
    console.error(`The Messaging API answered ${err.status} ${err.statusText}: ${err.body}`);
  } else if (err instanceof TypeError && /fetch failed/.test(err.message)) {
    console.error(`Could not reach the Messaging API (${(err.cause as Error | undefined)?.message ?? err.message}).`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
