/**
 * Puts the rich menu in place through the Messaging API: create → upload the image → make it the
 * default → delete the menus an earlier run left (same name). The old default stays in place until the
 * new one has its image and is the default, so residents never see a chat without a menu; if a step
 * fails before that, the half-made menu is deleted again.
 */
import { messagingApi } from '@line/bot-sdk';
import { RICH_MENU_NAME, richMenuRequest } from './menu';

export interface RichMenuClients {
  client: messagingApi.MessagingApiClient;
  blobClient: messagingApi.MessagingApiBlobClient;
}

export interface PublishResult {
  richMenuId: string;
  /** Menus of an earlier run that were deleted. */
  deleted: string[];
}

export async function publishRichMenu(
  { client, blobClient }: RichMenuClients,
  image: Buffer,
  log: (line: string) => void = () => {},
): Promise<PublishResult> {
  const request = richMenuRequest();
  // A dry run first: LINE names the offending property, and nothing is created on failure.
  await client.validateRichMenuObject(request);
  const { richMenuId } = await client.createRichMenu(request);
  log(`created rich menu ${richMenuId}`);
  try {
    await blobClient.setRichMenuImage(richMenuId, new Blob([new Uint8Array(image)], { type: 'image/png' }));
    log(`uploaded its image (${image.length} bytes)`);
    await client.setDefaultRichMenu(richMenuId);
    log('set it as the default rich menu');
  } catch (err) {
    await client.deleteRichMenu(richMenuId).catch(() => undefined);
    throw err;
  }

  const { richmenus } = await client.getRichMenuList();
  const stale = richmenus.filter((menu) => menu.name === RICH_MENU_NAME && menu.richMenuId !== richMenuId).map((menu) => menu.richMenuId);
  for (const id of stale) {
    await client.deleteRichMenu(id);
    log(`deleted the earlier rich menu ${id}`);
  }
  return { richMenuId, deleted: stale };
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
