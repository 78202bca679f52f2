import path from 'node:path';
import { startProcess, type ManagedProcess } from '../../../platform/processes';
import { eventually } from '../../helpers/eventually';
import { PretendResident } from '../../helpers/pretend-resident';
import { startTestStack, TestStack } from '../../helpers/test-stack';

const ROOT = path.resolve(__dirname, '../../..');

/** `npm run relay`: the inbox relay in a process of its own, with API instances that only store and acknowledge. */
describe('the inbox relay as a process of its own', () => {
  let stack: TestStack;
  let relay: ManagedProcess | undefined;
  beforeAll(async () => {
    stack = await startTestStack({ worker: true, llm: false, profile: (p) => void (p.ai.debounceSeconds = 0) });
    // As with INBOX_RELAY=own-process: this API instance's relay never runs.
    await stack.relay.stop();
  }, 120_000);
  afterAll(async () => {
    await relay?.stop();
    await stack.stop();
  });

  it('hands the events the API stored to the consultation, and stops on SIGTERM', async () => {
    const resident = new PretendResident(stack);
    const followed = await resident.follow();
    expect(followed.status).toBe(200);
    expect((await stack.db('webhook_inbox').where({ webhook_event_id: followed.eventId }).first('status')).status).toBe('pending');

    let running: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (running = resolve));
    relay = startProcess('relay', process.execPath, ['--import', 'tsx', 'api/line-webhook/relay-main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        DATABASE_URL: stack.env.DATABASE_URL,
        TEMPORAL_ADDRESS: stack.env.TEMPORAL_ADDRESS,
        TEMPORAL_TASK_QUEUE: stack.taskQueue,
        MUNICIPALITY_PROFILE: stack.env.MUNICIPALITY_PROFILE,
      },
      quiet: true,
      onOutput: (line) => line.includes('inbox relay running') && running(),
    });
    await Promise.race([started, relay.exited.then((code) => Promise.reject(new Error(`relay exited (${code})`)))]);

    expect((await resident.nextAnswer(60_000)).texts[0]).toContain('友だち追加ありがとうございます');
    const row = await eventually(async () => {
      const r = await stack.db('webhook_inbox').where({ webhook_event_id: followed.eventId }).first('status', 'claimed_by');
      expect(r.status).toBe('relayed');
      return r;
    });
    expect(row.claimed_by).toMatch(/^relay@/);
    expect(row.claimed_by).not.toBe(stack.relay.identity);

    relay.child.kill('SIGTERM');
    expect(await relay.exited).toBe(0);
  }, 120_000);
});
