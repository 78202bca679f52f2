import { Client, Connection } from '@temporalio/client';
import type { PiiKeyring } from '../crypto/pii-cipher';
import type { TemporalConnectionSettings } from './connection-settings';
import { encryptedDataConverter } from './encryption-codec';

/** The client encrypts every payload with the same codec as the worker (encryption-codec.ts). */
export async function connectTemporalClient(settings: TemporalConnectionSettings, namespace: string, keyring: PiiKeyring): Promise<Client> {
  const connection = await Connection.connect(settings);
  return new Client({ connection, namespace, dataConverter: encryptedDataConverter(keyring.cipher('temporal-payload')) });
}
