import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../../platform/config/errors';
import { temporalConnectionSettings } from '../../../platform/temporal/connection-settings';

const ADDRESS = 'yorisoi.a1b2c.tmprl.cloud:7233';

describe('Temporal connection settings from the environment', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yorisoi-temporal-tls-'));
    for (const name of ['client.pem', 'client.key', 'ca.pem']) fs.writeFileSync(path.join(dir, name), `-----BEGIN ${name}-----`);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string) => path.join(dir, name);

  it('connects in plain text when nothing is set (the compose network, the dev server)', () => {
    expect(temporalConnectionSettings(ADDRESS, {})).toEqual({ address: ADDRESS });
  });

  it('uses TLS with the API key for Temporal Cloud', () => {
    expect(temporalConnectionSettings(ADDRESS, { TEMPORAL_API_KEY: 'cloud-key' })).toEqual({ address: ADDRESS, tls: {}, apiKey: 'cloud-key' });
  });

  it('reads the client certificate, key and CA for mTLS', () => {
    const settings = temporalConnectionSettings(ADDRESS, { TEMPORAL_TLS_CERT: file('client.pem'), TEMPORAL_TLS_KEY: file('client.key'), TEMPORAL_TLS_CA: file('ca.pem'), TEMPORAL_TLS_SERVER_NAME: 'temporal.internal' });
    expect(settings.tls?.clientCertPair?.crt.toString()).toBe('-----BEGIN client.pem-----');
    expect(settings.tls?.clientCertPair?.key.toString()).toBe('-----BEGIN client.key-----');
    expect(settings.tls?.serverRootCACertificate?.toString()).toBe('-----BEGIN ca.pem-----');
    expect(settings.tls?.serverNameOverride).toBe('temporal.internal');
    expect(settings.apiKey).toBeUndefined();
  });

  it('stops with the variable named when the settings cannot work', () => {
    expect(() => temporalConnectionSettings(ADDRESS, { TEMPORAL_TLS_CERT: file('client.pem') })).toThrow(/TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY/);
    expect(() => temporalConnectionSettings(ADDRESS, { TEMPORAL_TLS_CA: file('missing.pem') })).toThrow(ConfigError);
    expect(() => temporalConnectionSettings(ADDRESS, { TEMPORAL_TLS_CA: file('missing.pem') })).toThrow(/TEMPORAL_TLS_CA: cannot read/);
    expect(() => temporalConnectionSettings(ADDRESS, { TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'cloud-key' })).toThrow(/TEMPORAL_TLS/);
    // The key itself never appears in a message.
    try {
      temporalConnectionSettings(ADDRESS, { TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'cloud-key' });
    } catch (err) {
      expect((err as Error).message).not.toContain('cloud-key');
    }
  });
});
