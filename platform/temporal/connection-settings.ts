import fs from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import type { Env } from '../config/env';
import { ConfigError } from '../config/errors';

/** What both connections (the client's and the worker's) need to reach Temporal: address, TLS, API key. */
export interface TemporalConnectionSettings {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
}

type TemporalEnv = Partial<Pick<Env, 'TEMPORAL_TLS' | 'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY' | 'TEMPORAL_TLS_CA' | 'TEMPORAL_TLS_SERVER_NAME' | 'TEMPORAL_API_KEY'>>;

/**
 * From the environment: a self-hosted cluster with mTLS (TEMPORAL_TLS_CERT/KEY, TEMPORAL_TLS_CA for a
 * private CA) or Temporal Cloud (TEMPORAL_API_KEY, or mTLS). The files are read once, at start-up; a
 * missing file or a certificate without its key stops the process with the variable's name.
 */
export function temporalConnectionSettings(address: string, env: TemporalEnv): TemporalConnectionSettings {
  const read = (name: keyof TemporalEnv) => {
    const file = env[name];
    if (!file) return undefined;
    try {
      return fs.readFileSync(file);
    } catch {
      throw new ConfigError('environment', [`${name}: cannot read ${file}`]);
    }
  };
  if (Boolean(env.TEMPORAL_TLS_CERT) !== Boolean(env.TEMPORAL_TLS_KEY)) {
    throw new ConfigError('environment', ['TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY: set both (mTLS) or neither']);
  }
  const tlsWanted = env.TEMPORAL_TLS === 'true' || Boolean(env.TEMPORAL_TLS_CERT || env.TEMPORAL_TLS_CA || env.TEMPORAL_TLS_SERVER_NAME || env.TEMPORAL_API_KEY);
  if (env.TEMPORAL_TLS === 'false' && tlsWanted) {
    throw new ConfigError('environment', ['TEMPORAL_TLS: false, but TLS settings or an API key are set']);
  }
  if (!tlsWanted) return { address };
  const crt = read('TEMPORAL_TLS_CERT');
  const key = read('TEMPORAL_TLS_KEY');
  const ca = read('TEMPORAL_TLS_CA');
  const tls: TLSConfig = {
    ...(crt && key ? { clientCertPair: { crt, key } } : {}),
    ...(ca ? { serverRootCACertificate: ca } : {}),
    ...(env.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME } : {}),
  };
  return { address, tls, ...(env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {}) };
}
