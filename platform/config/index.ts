import { Env, loadEnv } from './env';
import { ConfigError } from './errors';
import { loadProfile, MunicipalityProfile } from './profile';

export { ConfigError } from './errors';
export type { Env } from './env';
export type { MunicipalityProfile } from './profile';

export interface Config {
  env: Env;
  profile: MunicipalityProfile;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const env = loadEnv(source);
  return { env, profile: loadProfile(env.MUNICIPALITY_PROFILE) };
}

/** For entry points: a bad setting ends the process with a message naming the key, not a stack trace. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}
