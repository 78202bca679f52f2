import OpenAI, { AzureOpenAI } from 'openai';
import type { Env } from './config/env';

/** OpenAI, any OpenAI-compatible server (OPENAI_BASE_URL), or Azure OpenAI; none without a key. */
export function createLlmClient(env: Env): OpenAI | undefined {
  if (env.AZURE_OPENAI_ENDPOINT && env.AZURE_OPENAI_API_KEY) {
    return new AzureOpenAI({
      endpoint: env.AZURE_OPENAI_ENDPOINT,
      apiKey: env.AZURE_OPENAI_API_KEY,
      apiVersion: env.AZURE_OPENAI_API_VERSION ?? '2024-10-21',
      deployment: env.AZURE_OPENAI_DEPLOYMENT,
    });
  }
  if (env.OPENAI_API_KEY) return new OpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL });
  return undefined;
}
