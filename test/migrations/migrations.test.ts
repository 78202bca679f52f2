import { migrationSource, migrations } from '../../migrations';
import { createTestDatabase } from '../helpers/test-database';

describe('migrations', () => {
  it('step down to nothing and back up, keeping data written in between', async () => {
    const database = await createTestDatabase();
    const { db } = database;
    try {
      const names = Object.keys(migrations);
      expect(names).toEqual([...names].sort());

      // Down one at a time to the empty schema.
      for (let i = 0; i < names.length; i += 1) await db.migrate.down({ migrationSource });
      expect(await db.schema.hasTable('staff_users')).toBe(false);

      // Up to the residents table, insert, then the rest: later migrations must keep that row.
      while (!(await db.schema.hasTable('residents'))) await db.migrate.up({ migrationSource });
      await db('residents').insert({ code: 'R-TEST01', line_user_id: 'U' + '0'.repeat(32) });
      await db.migrate.latest({ migrationSource });
      expect(await db('residents').where({ code: 'R-TEST01' }).first()).toBeDefined();
      const [completed] = (await db.migrate.list({ migrationSource })) as [unknown[], unknown[]];
      expect(completed).toHaveLength(names.length);
    } finally {
      await database.drop();
    }
  });

  it('keeps one open consultation per resident', async () => {
    const database = await createTestDatabase();
    const { db } = database;
    try {
      const [resident] = await db('residents').insert({ code: 'R-ONE' }).returning('id');
      await db('consultations').insert({ resident_id: resident.id, workflow_id: 'consultation-a', status: 'listening' });
      await expect(db('consultations').insert({ resident_id: resident.id, workflow_id: 'consultation-a', status: 'onboarding' })).rejects.toThrow(/consultations_one_open_per_resident/);
      await db('consultations').where({ resident_id: resident.id }).update({ status: 'closed' });
      await db('consultations').insert({ resident_id: resident.id, workflow_id: 'consultation-a', status: 'onboarding' });
    } finally {
      await database.drop();
    }
  });

  it('keeps one satisfaction answer per consultation, scores 1 to 5, and an answer or a skip, not both', async () => {
    const database = await createTestDatabase();
    const { db } = database;
    try {
      const [resident] = await db('residents').insert({ code: 'R-SAT' }).returning('id');
      const [consultation] = await db('consultations').insert({ resident_id: resident.id, workflow_id: 'consultation-s', status: 'closed' }).returning('id');
      const row = { consultation_id: consultation.id, resident_id: resident.id, asked_at: new Date() };
      await expect(db('satisfaction_responses').insert({ ...row, score: 6, answered_at: new Date() })).rejects.toThrow(/satisfaction_responses_score_check/);
      await expect(db('satisfaction_responses').insert({ ...row, score: 4 })).rejects.toThrow(/satisfaction_responses_answer_check/);
      await expect(db('satisfaction_responses').insert({ ...row, score: 4, answered_at: new Date(), skipped_at: new Date() })).rejects.toThrow(/satisfaction_responses_answer_check/);
      await db('satisfaction_responses').insert({ ...row, skipped_at: new Date() });
      await expect(db('satisfaction_responses').insert({ ...row, score: 5, answered_at: new Date() })).rejects.toThrow(/unique/);
      // Erasing the consultation takes the answer (and its free text) with it.
      await db('consultations').where({ id: consultation.id }).delete();
      expect(await db('satisfaction_responses')).toEqual([]);
    } finally {
      await database.drop();
    }
  });
});
