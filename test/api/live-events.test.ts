import { publish } from '../../platform/events';
import { eventually } from '../helpers/eventually';
import { HttpClient } from '../helpers/http-client';
import { startRestartablePostgres, RestartablePostgres } from '../helpers/restartable-postgres';
import { startTestStack, TestStack, TEST_PASSWORD } from '../helpers/test-stack';

/**
 * The dashboard's live updates through a PostgreSQL restart: the API's LISTEN connection comes back
 * by itself, open event streams are told to refetch, and /readyz says when the listener is down.
 */
describe('live events survive a PostgreSQL restart', () => {
  let postgres: RestartablePostgres;
  let stack: TestStack;

  beforeAll(async () => {
    postgres = await startRestartablePostgres();
    stack = await startTestStack({ database: postgres });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('re-LISTENs after the restart, tells open streams to resync, relays events again, and /readyz follows the listener', async () => {
    const staff = await new HttpClient(stack.baseUrl).login((await stack.createUser('staff')).email, TEST_PASSWORD);
    const anyone = new HttpClient(stack.baseUrl);
    const stream = await staff.openEventStream('/api/events');
    try {
      expect((await anyone.get('/readyz')).body.checks.liveEvents).toBe('ok');
      await publish(stack.db, { type: 'queue' });
      await eventually(async () => expect(stream.events.map((e) => e.type)).toContain('queue'));

      await postgres.stop();
      await eventually(async () => {
        const ready = await anyone.get('/readyz');
        expect(ready.status).toBe(503);
        expect(ready.body.checks.liveEvents).toMatch(/^unavailable: LISTEN connection down/);
      });
      expect(stack.liveEvents.listenerState.listening).toBe(false);

      await postgres.start();
      // The stream the browser already had open stays open and is told to refetch what it shows.
      await eventually(async () => expect(stream.events.map((e) => e.type)).toContain('resync'), 60_000, 200);
      await eventually(async () => {
        const ready = await anyone.get('/readyz');
        expect(ready.body.checks).toEqual({ postgres: 'ok', temporal: 'ok', liveEvents: 'ok' });
        expect(ready.status).toBe(200);
      }, 30_000, 200);
      expect(stack.liveEvents.listenerState).toEqual({ listening: true, reconnects: 1, failedAttempts: 0 });

      // Notifications flow again, to the old stream and to a new one.
      const fresh = await staff.openEventStream('/api/events');
      try {
        const before = stream.events.length;
        await publish(stack.db, { type: 'consultation', id: '00000000-0000-4000-8000-000000000001' });
        await eventually(async () => expect(stream.events.slice(before)).toContainEqual({ type: 'consultation', data: { type: 'consultation', id: '00000000-0000-4000-8000-000000000001' } }));
        await eventually(async () => expect(fresh.events.map((e) => e.type)).toContain('consultation'));
      } finally {
        fresh.close();
      }
    } finally {
      stream.close();
    }
  }, 180_000);
});
