import { Client, Connection } from '@temporalio/client';
import type { PiiKeyring } from '../crypto/pii-cipher';
import { encryptedDataConverter } from './encryption-codec';

/** The client encrypts every payload with the same codec as the worker (encryption-codec.ts). */
export async function connectTemporalClient(address: string, namespace: string, keyring: PiiKeyring): Promise<Client> {
  const connection = await Connection.connect({ address });
  return new Client({ connection, namespace, dataConverter: encryptedDataConverter(keyring.cipher('temporal-payload')) });
}
