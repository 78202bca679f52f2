import { migrationSource } from '../../migrations';
import { createTestDatabase } from '../helpers/test-database';

const NAME = '20261123000010_add_report_indexes';
const INDEXES = ['messages_inbound', 'nudge_events_consultation_created', 'webhook_inbox_follows'];

describe(`migration ${NAME}`, () => {
  it('adds the report indexes over existing rows, and removes them on the way down', async () => {
    const database = await createTestDatabase();
    const { db } = database;
    const indexes = async () =>
      (await db('pg_indexes').whereIn('indexname', INDEXES).select('indexname')).map((r: { indexname: string }) => r.indexname).sort();
    const completed = async () => ((await db.migrate.list({ migrationSource })) as [{ name: string }[], unknown[]])[0].map((m) => m.name);
    try {
      while ((await completed()).includes(NAME)) await db.migrate.down({ migrationSource });
      expect(await indexes()).toEqual([]);

      const [resident] = await db('residents').insert({ code: 'R-IDX' }).returning('id');
      const [consultation] = await db('consultations').insert({ resident_id: resident.id, workflow_id: 'consultation-idx' }).returning('id');
      await db('messages').insert({ resident_id: resident.id, consultation_id: consultation.id, direction: 'in', sender: 'resident', kind: 'text', text: 'こんにちは' });
      await db('nudge_events').insert({ id: '00000000-0000-4000-8000-000000000001', consultation_id: consultation.id, event: 'offered', trigger: 'turn' });

      await db.migrate.up({ migrationSource });
      expect(await completed()).toContain(NAME);
      expect(await indexes()).toEqual(INDEXES);
      expect(await db('messages').where({ resident_id: resident.id }).count('* as n').first()).toEqual({ n: '1' });

      await db.migrate.down({ migrationSource });
      expect(await indexes()).toEqual([]);
      await db.migrate.latest({ migrationSource });
      expect(await indexes()).toEqual(INDEXES);
    } finally {
      await database.drop();
    }
  });
});
