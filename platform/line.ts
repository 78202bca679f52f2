import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import type { Env } from './config/env';

export function createLineClient(env: Env): messagingApi.MessagingApiClient {
  return new messagingApi.MessagingApiClient({
    channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN ?? '',
    ...(env.LINE_API_BASE_URL ? { baseURL: env.LINE_API_BASE_URL } : {}),
  });
}

/** Content residents send (and rich-menu images) live on LINE's data host; a stand-in serves both on one. */
export function createLineBlobClient(env: Env): messagingApi.MessagingApiBlobClient {
  const baseURL = env.LINE_DATA_API_BASE_URL ?? env.LINE_API_BASE_URL;
  return new messagingApi.MessagingApiBlobClient({ channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN ?? '', ...(baseURL ? { baseURL } : {}) });
}

/** LINE's answer for a rich menu or alias that does not exist: 404, or 400 for some alias and menu ids. */
export const isAbsentOnLine = (err: unknown): boolean => err instanceof HTTPFetchError && (err.status === 404 || err.status === 400);
