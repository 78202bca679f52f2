/**
 * Puts the residents' menus in place through the Messaging API, one per language: create each →
 * upload its image → make the Japanese one the default → point each language's alias at its menu →
 * move the residents linked to a language's old menu to its new one → delete the aliases and menus an
 * earlier run left. The old menus stay in place (default, aliases, per-user links) until every new one
 * has its image, the new default is set, the aliases point at the new menus and the residents are
 * moved, so residents never see a chat without a menu nor lose their language's; if a step fails
 * before the menus are live, the half-made ones are deleted again.
 */
import { messagingApi } from '@line/bot-sdk';
import { richMenuAliasId } from '../../contracts/rich-menu';
import { isAbsentOnLine } from '../../platform/line';
import { JAPANESE } from '../../workflows/consultation/language';
import { isOwnMenu, type LanguageMenu, richMenuRequest } from './menu';

export interface RichMenuClients {
  client: messagingApi.MessagingApiClient;
  blobClient: messagingApi.MessagingApiBlobClient;
}

export interface PublishResult {
  /** Language → its new menu. */
  richMenuIds: Record<string, string>;
  /** The default menu (Japanese). */
  defaultRichMenuId: string;
  /** Menus of an earlier run that were deleted. */
  deleted: string[];
  /** Residents moved to their language's new menu. */
  relinked: number;
}

/** LINE's limit for one bulk link. */
const BULK_LINK_MAX = 500;

const ALIAS_PREFIX = richMenuAliasId('');

export async function publishRichMenus(
  { client, blobClient }: RichMenuClients,
  menus: { menu: LanguageMenu; image: Buffer }[],
  log: (line: string) => void = () => {},
  /**
   * The LINE user ids of the residents to give each language's menu (not Japanese, whose residents
   * see the default). Read after the aliases are moved, so a resident whose language changes later is
   * linked by the worker to the new menu anyway.
   */
  residentsByLanguage: () => Promise<Record<string, string[]>> = async () => ({}),
): Promise<PublishResult> {
  if (!menus.some(({ menu }) => menu.language === JAPANESE)) throw new Error('the Japanese menu (the default) is missing');
  // Dry runs first: LINE names the offending property, and nothing is created on failure.
  for (const { menu } of menus) await client.validateRichMenuObject(richMenuRequest(menu));

  const richMenuIds: Record<string, string> = {};
  try {
    for (const { menu, image } of menus) {
      const { richMenuId } = await client.createRichMenu(richMenuRequest(menu));
      richMenuIds[menu.language] = richMenuId;
      log(`created the ${menu.language} rich menu ${richMenuId}`);
      await blobClient.setRichMenuImage(richMenuId, new Blob([new Uint8Array(image)], { type: 'image/png' }));
      log(`uploaded its image (${image.length} bytes)`);
    }
    await client.setDefaultRichMenu(richMenuIds[JAPANESE]);
    log(`set the ${JAPANESE} menu as the default rich menu`);
  } catch (err) {
    for (const id of Object.values(richMenuIds)) await client.deleteRichMenu(id).catch(() => undefined);
    throw err;
  }

  // From here the new menus are live; a failure leaves old and new side by side, and a rerun tidies up.
  for (const [language, richMenuId] of Object.entries(richMenuIds)) {
    const richMenuAliasIdOf = richMenuAliasId(language);
    const exists = await client.getRichMenuAlias(richMenuAliasIdOf).then(
      () => true,
      (err: unknown) => {
        if (isAbsentOnLine(err)) return false;
        throw err;
      },
    );
    if (exists) await client.updateRichMenuAlias(richMenuAliasIdOf, { richMenuId });
    else await client.createRichMenuAlias({ richMenuAliasId: richMenuAliasIdOf, richMenuId });
    log(`alias ${richMenuAliasIdOf} → ${richMenuId}`);
  }
  const current = new Set(Object.keys(richMenuIds).map(richMenuAliasId));
  const { aliases } = await client.getRichMenuAliasList();
  for (const alias of aliases.filter((a) => a.richMenuAliasId.startsWith(ALIAS_PREFIX) && !current.has(a.richMenuAliasId))) {
    await client.deleteRichMenuAlias(alias.richMenuAliasId);
    log(`deleted the alias ${alias.richMenuAliasId} (a language the profile no longer has)`);
  }

  let relinked = 0;
  for (const [language, userIds] of Object.entries(await residentsByLanguage())) {
    const richMenuId = richMenuIds[language];
    if (!richMenuId || language === JAPANESE) continue;
    for (let i = 0; i < userIds.length; i += BULK_LINK_MAX) {
      await client.linkRichMenuIdToUsers({ richMenuId, userIds: userIds.slice(i, i + BULK_LINK_MAX) });
    }
    relinked += userIds.length;
    if (userIds.length > 0) log(`linked ${userIds.length} resident(s) to the new ${language} menu`);
  }

  const fresh = new Set(Object.values(richMenuIds));
  const { richmenus } = await client.getRichMenuList();
  const stale = richmenus.filter((menu) => isOwnMenu(menu.name) && !fresh.has(menu.richMenuId)).map((menu) => menu.richMenuId);
  for (const id of stale) {
    await client.deleteRichMenu(id);
    log(`deleted the earlier rich menu ${id}`);
  }
  return { richMenuIds, defaultRichMenuId: richMenuIds[JAPANESE], deleted: stale, relinked };
}

/** SDK clients for the given endpoint (LINE's own when the base URLs are undefined). */
export function createRichMenuClients(options: { channelAccessToken: string; apiBaseUrl?: string; dataApiBaseUrl?: string }): RichMenuClients {
  const { channelAccessToken, apiBaseUrl, dataApiBaseUrl } = options;
  return {
    client: new messagingApi.MessagingApiClient({ channelAccessToken, ...(apiBaseUrl ? { baseURL: apiBaseUrl } : {}) }),
    // Images go to the data API host (api-data.line.me); a stand-in answers both on one host.
    blobClient: new messagingApi.MessagingApiBlobClient({ channelAccessToken, ...((dataApiBaseUrl ?? apiBaseUrl) ? { baseURL: dataApiBaseUrl ?? apiBaseUrl } : {}) }),
  };
}
