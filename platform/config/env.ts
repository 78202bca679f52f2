import path from 'node:path';
import { z } from 'zod';
import { ConfigError, describeZodIssues } from './errors';

const port = z.coerce.number().int().min(0).max(65535);
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const optionalUrl = optionalString.pipe(z.url().optional());

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_BASE_URL: optionalUrl,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('.data'),
  MUNICIPALITY_PROFILE: z.string().default('profiles/example.yaml'),

  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
  ),
  EMBEDDED_PG_PORT: port.default(5433),

  TEMPORAL_ADDRESS: optionalString,
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('yorisoi'),
  // Where the webhook inbox relay runs: in each API instance, or only in `npm run relay` processes.
  INBOX_RELAY: z.enum(['in-api', 'own-process']).default('in-api'),
  /** TLS to Temporal (platform/temporal/connection-settings.ts): on with any of these, or `true`. */
  TEMPORAL_TLS: optionalString.pipe(z.enum(['true', 'false']).optional()),
  /** Paths of PEM files: client certificate and key (mTLS, both or neither), the server's CA. */
  TEMPORAL_TLS_CERT: optionalString,
  TEMPORAL_TLS_KEY: optionalString,
  TEMPORAL_TLS_CA: optionalString,
  TEMPORAL_TLS_SERVER_NAME: optionalString,
  /** Temporal Cloud API key (sent as a bearer token; implies TLS). */
  TEMPORAL_API_KEY: optionalString,
  TEMPORAL_CLI: optionalString,
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  /**
   * Origins of the Temporal Web UI allowed to call the codec endpoint (/codec/decode, /codec/encode)
   * with the staff session cookie, comma-separated (e.g. https://temporal-ui.city.example). Outside
   * production, the dev server's Web UI on TEMPORAL_UI_PORT is allowed when this is unset.
   */
  TEMPORAL_UI_ORIGINS: optionalString.pipe(
    z
      .string()
      .regex(/^https?:\/\/[^/,\s]+(\s*,\s*https?:\/\/[^/,\s]+)*$/, 'must be origins (scheme://host[:port], no path) separated by commas')
      .optional(),
  ),

  LINE_CHANNEL_SECRET: optionalString,
  LINE_CHANNEL_ACCESS_TOKEN: optionalString,
  /** The bot's user id (U…, the webhook's `destination`); when set, events for any other bot are refused. */
  LINE_BOT_USER_ID: optionalString.pipe(z.string().regex(/^U[0-9a-f]{32}$/, 'must be the bot user id, U and 32 hex digits').optional()),
  LINE_API_BASE_URL: optionalUrl,
  LINE_DATA_API_BASE_URL: optionalUrl,
  /** `npm start` (not production) runs the LINE stand-in here when LINE_API_BASE_URL is unset. */
  LINE_STAND_IN_PORT: port.default(3100),

  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  AZURE_OPENAI_ENDPOINT: optionalUrl,
  AZURE_OPENAI_API_KEY: optionalString,
  AZURE_OPENAI_API_VERSION: optionalString,
  AZURE_OPENAI_DEPLOYMENT: optionalString,

  SMTP_URL: optionalString,
  /** HMAC-SHA256 key of the on-call webhook's X-Yorisoi-Signature header (at least 32 characters). */
  ONCALL_WEBHOOK_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  MAIL_FROM: z.string().default('yorisoi@localhost'),
  PII_ENCRYPTION_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (openssl rand -base64 32)')
      .optional(),
  ),
  /** Earlier keys, comma-separated: still read (key rotation), never written with. */
  PII_ENCRYPTION_KEYS_OLD: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=(\s*,\s*[A-Za-z0-9+/]{43}=)*$/, 'must be 32-byte base64 keys separated by commas')
      .optional(),
  ),

  ADMIN_EMAIL: optionalString.pipe(z.email().optional()),
  ADMIN_PASSWORD: optionalString.pipe(z.string().min(12, 'must be at least 12 characters').optional()),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  /** Failed sign-ins from one address within LOGIN_LOCK_MINUTES before it is refused (429), across every API instance. */
  LOGIN_IP_MAX_FAILURES: z.coerce.number().int().positive().default(30),
  /** A session unused for this long is signed out. */
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
});

export type Env = z.infer<typeof envSchema> & {
  /** DATA_DIR resolved against the working directory. */
  dataDir: string;
  isProduction: boolean;
};

/** Development-only defaults, so `npm start` works on a fresh machine with nothing configured. */
const DEV_DEFAULTS: Record<string, string> = {
  LINE_CHANNEL_SECRET: 'yorisoi-dev-channel-secret',
  LINE_CHANNEL_ACCESS_TOKEN: 'yorisoi-dev-access-token',
  ADMIN_EMAIL: 'admin@yorisoi.example',
  ADMIN_PASSWORD: 'yorisoi-admin-dev',
};

const REQUIRED_IN_PRODUCTION = [
  'LINE_CHANNEL_SECRET',
  'LINE_CHANNEL_ACCESS_TOKEN',
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'PII_ENCRYPTION_KEY',
] as const;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) throw new ConfigError('environment', describeZodIssues(parsed.error));
  const env = parsed.data;
  const isProduction = env.NODE_ENV === 'production';
  if (isProduction) {
    const missing = REQUIRED_IN_PRODUCTION.filter((key) => !env[key]);
    if (missing.length > 0) {
      throw new ConfigError(
        'environment',
        missing.map((key) => `${key}: required when NODE_ENV=production`),
      );
    }
  } else {
    for (const [key, value] of Object.entries(DEV_DEFAULTS)) {
      const k = key as keyof typeof env;
      if (env[k] === undefined) (env as Record<string, unknown>)[k] = value;
    }
  }
  return { ...env, dataDir: path.resolve(env.DATA_DIR), isProduction };
}
