import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { loadEnv } from '../../../platform/config/env';
import { PiiKeyring } from '../../../platform/crypto/pii-cipher';
import { encryptedDataConverter } from '../../../platform/temporal/encryption-codec';
import { installQuietRuntime } from '../../helpers/test-stack';
import { readTestRunState } from '../../helpers/test-run-state';

/**
 * Replays recorded histories of real consultations (recorded with `npm run record:histories`) against
 * the current workflow code: a change that would break a running consultation after a deployment
 * fails here with a non-determinism error. See docs/versioning.md.
 */
const HISTORIES = path.join(__dirname, 'histories');
// Replay decodes payloads (the workflow reads its input and activity results), so it needs the codec and
// the key the recording ran with: the fixed development key of a process without PII_ENCRYPTION_KEY.
const dataConverter = encryptedDataConverter(PiiKeyring.fromEnv(loadEnv({ NODE_ENV: 'test' })).cipher('temporal-payload'));
const files = fs.readdirSync(HISTORIES).filter((f) => f.endsWith('.json')).sort();

describe('recorded histories replay against the current workflow code', () => {
  beforeAll(() => installQuietRuntime());

  it('has recordings of the consultation and the referral', () => {
    expect(files.some((f) => f.startsWith('consultation-'))).toBe(true);
    expect(files.some((f) => f.startsWith('referral-'))).toBe(true);
  });

  it.each(files)('%s', async (file) => {
    const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(HISTORIES, file), 'utf8')));
    const results = Worker.runReplayHistories({ workflowBundle: { codePath: readTestRunState().workflowBundlePath }, dataConverter }, [{ workflowId: file, history }]);
    for await (const result of results) expect(result.error).toBeUndefined();
  });
});
