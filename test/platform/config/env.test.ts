import { loadEnv } from '../../../platform/config/env';

describe('environment settings', () => {
  it('starts in development with nothing set, on documented defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ NODE_ENV: 'development', PORT: 3000, TEMPORAL_PORT: 7233, TEMPORAL_UI_PORT: 8233, TEMPORAL_TASK_QUEUE: 'yorisoi', isProduction: false });
    expect(env.dataDir).toMatch(/\.data$/);
    expect(env.LINE_CHANNEL_SECRET).toBeDefined();
  });

  it('names each bad key', () => {
    expect(() => loadEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', PII_ENCRYPTION_KEY: 'short' })).toThrow(
      /PORT: .*\n.*DATABASE_URL: must start with postgres:\/\/.*\n.*PII_ENCRYPTION_KEY: must be 32 bytes in base64/,
    );
  });

  it('refuses production without the secrets and real servers', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/LINE_CHANNEL_SECRET: required when NODE_ENV=production[\s\S]*TEMPORAL_ADDRESS: required/);
  });

  it('never invents development credentials in production', () => {
    const env = loadEnv({
      NODE_ENV: 'production',
      LINE_CHANNEL_SECRET: 's',
      LINE_CHANNEL_ACCESS_TOKEN: 't',
      DATABASE_URL: 'postgres://u:p@db/yorisoi',
      TEMPORAL_ADDRESS: 'temporal:7233',
      PII_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    });
    expect(env.ADMIN_PASSWORD).toBeUndefined();
    expect(env.isProduction).toBe(true);
  });
});
