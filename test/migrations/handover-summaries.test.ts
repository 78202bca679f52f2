import { migrationSource } from '../../migrations';
import { createTestDatabase } from '../helpers/test-database';

const NAME = '20261130160100_create_handover_summaries';

describe(`migration ${NAME}`, () => {
  it('adds saved hand-over edits beside existing consultations, gone with their case, dropped on the way down', async () => {
    const database = await createTestDatabase();
    const { db } = database;
    const completed = async () => ((await db.migrate.list({ migrationSource })) as [{ name: string }[], unknown[]])[0].map((m) => m.name);
    try {
      while ((await completed()).includes(NAME)) await db.migrate.down({ migrationSource });
      expect(await db.schema.hasTable('handover_summaries')).toBe(false);
      const [resident] = await db('residents').insert({ code: 'R-HO' }).returning('id');
      const [consultation] = await db('consultations').insert({ resident_id: resident.id, workflow_id: 'consultation-ho' }).returning('id');

      await db.migrate.up({ migrationSource });
      await db('handover_summaries').insert({ consultation_id: consultation.id, text: '夜のさみしさ' });
      expect(await db('handover_summaries').where({ consultation_id: consultation.id }).first('text')).toEqual({ text: '夜のさみしさ' });
      await db('consultations').where({ id: consultation.id }).delete();
      expect(await db('handover_summaries').count('* as n').first()).toEqual({ n: '0' });

      await db.migrate.down({ migrationSource });
      expect(await db.schema.hasTable('handover_summaries')).toBe(false);
      await db.migrate.latest({ migrationSource });
      expect(await db.schema.hasTable('handover_summaries')).toBe(true);
    } finally {
      await database.drop();
    }
  });
});
