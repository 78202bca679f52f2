import crypto from 'node:crypto';
import { Client } from '@temporalio/client';
import pino from 'pino';
import { createRiskActivities } from '../../activities/risk-activities';
import { loggerOptions } from '../../platform/logger';
import { runtimeLogger } from '../../platform/temporal/runtime-logger';
import { PretendResident } from '../helpers/pretend-resident';
import { startTestStack, TestStack } from '../helpers/test-stack';

/** Every string a value holds, bytes read as UTF-8 (raw Temporal history: protobuf objects and payload bytes). */
function stringsIn(value: unknown, out: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('utf8'));
  else if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const v of Object.values(value)) stringsIn(v, out, seen);
  }
  return out;
}

/**
 * A resident's words in a query that fails (the way a database error quotes the value it choked on)
 * must end up in no log line, no table column other than the message itself, and nowhere readable in
 * Temporal's history.
 */
describe('an error carrying a resident’s words', () => {
  const canary = `CANARY${crypto.randomBytes(6).toString('hex')}`;
  const logLines: string[] = [];
  let stack: TestStack;
  let failures = 0;

  beforeAll(async () => {
    stack = await startTestStack({
      worker: true,
      logLines,
      profile: (p) => void (p.ai.debounceSeconds = 0),
      activityOverrides: {
        // Assessing the resident's message fails twice on a query that binds their text. It is an
        // activity, so its failures are in the history (recording the message is a local activity,
        // whose failed attempts the history never holds).
        async assessRisk(input) {
          const text = input.texts.join('');
          if (text.includes(canary) && failures < 2) {
            failures += 1;
            await stack.db.raw('select ?::int as n', [text]);
          }
          return createRiskActivities({ db: stack.db, model: stack.profile.ai.model, logger: pino({ level: 'silent' }) }).assessRisk(input);
        },
      },
    });
  });
  afterAll(() => stack.stop());

  it('is found in no log, no column and no raw history', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await resident.say(`きょうは ${canary} のことを話したいです`);
    expect((await resident.nextAnswer(30_000)).texts).toHaveLength(1);
    expect(failures).toBe(2);

    // The same kind of failure through our logger and through the Temporal SDK's log lines.
    const logger = pino(loggerOptions('debug'), { write: (line: string) => void logLines.push(line) });
    const err = await stack.db.raw('select ?::int as n', [canary]).catch((e: unknown) => e);
    logger.error({ err }, 'query failed');
    runtimeLogger(logger).warn('Activity failed', { error: err });
    expect(logLines.filter((l) => l.includes('pg:22P02'))).toHaveLength(2);
    expect(logLines.filter((l) => l.includes(canary))).toEqual([]);

    const residentId = (await stack.db('residents').where({ line_user_id: resident.userId }).first()).id;
    const columns = await stack.db('information_schema.columns')
      .where({ table_schema: 'public' })
      .whereIn('data_type', ['text', 'jsonb', 'json', 'character varying', 'ARRAY'])
      .select('table_name', 'column_name');
    const holding: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      // Even the inbound message holds the resident's words only sealed (encryption at rest).
      const query = stack.db(table).whereRaw('??::text like ?', [column, `%${canary}%`]);
      if (Number((await query.count('* as n'))[0].n) > 0) holding.push(`${table}.${column}`);
    }
    expect(holding).toEqual([]);
    const inbound = await stack.db('messages').where({ resident_id: residentId, direction: 'in', kind: 'text' });
    expect(inbound.filter((m) => stack.sealer.open('messages', 'text', m)?.includes(canary))).toHaveLength(1);

    // History as the server stores it, read without our codec.
    const raw = new Client({ connection: stack.temporal.connection, namespace: stack.env.TEMPORAL_NAMESPACE });
    const history = await raw.workflow.getHandle(`consultation-${residentId}`).fetchHistory();
    const retried = history.events!.filter((e) => e.activityTaskStartedEventAttributes?.lastFailure);
    expect(retried.length).toBeGreaterThan(0);
    expect(retried.map((e) => e.activityTaskStartedEventAttributes!.lastFailure!.message)).toContain('Encoded failure');
    expect(stringsIn(history).filter((s) => s.includes(canary))).toEqual([]);
  });
});
