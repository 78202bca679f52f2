import { messagingApi } from '@line/bot-sdk';
import type { Env } from './config/env';

export function createLineClient(env: Env): messagingApi.MessagingApiClient {
  return new messagingApi.MessagingApiClient({
    channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN ?? '',
    ...(env.LINE_API_BASE_URL ? { baseURL: env.LINE_API_BASE_URL } : {}),
  });
}
