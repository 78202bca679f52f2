import { migrationSource } from '../../migrations';
import { createTestDatabase } from '../helpers/test-database';

describe('outcome migrations', () => {
  it('keeps one scale row per resident, scale and occasion, totals in range; steps down and up with satisfaction answers kept', async () => {
    const database = await createTestDatabase();
    const { db } = database;
    try {
      const [resident] = await db('residents').insert({ code: 'R-OUT' }).returning('id');
      const row = { resident_id: resident.id, scale: 'k6', occasion: 'intake' };
      await expect(db('scale_responses').insert({ ...row, total: 25 })).rejects.toThrow(/scale_responses_total_check/);
      await expect(db('scale_responses').insert({ ...row, occasion: 'later' })).rejects.toThrow(/scale_responses_occasion_check/);
      await db('scale_responses').insert({ ...row, total: 13, answers: JSON.stringify({ hopeless: 4 }) });
      await expect(db('scale_responses').insert(row)).rejects.toThrow(/unique/);
      const [consultation] = await db('consultations').insert({ resident_id: resident.id, workflow_id: 'consultation-o', status: 'closed' }).returning('id');
      await db('satisfaction_responses').insert({ consultation_id: consultation.id, resident_id: resident.id, asked_at: new Date() });

      // Down past both outcome migrations: the scale table goes, the satisfaction answers stay.
      // By name, so migrations merged after these do not change what is stepped down.
      await db.migrate.down({ migrationSource, name: '20261201110100_outcomes_scale_responses' } as never);
      await db.migrate.down({ migrationSource, name: '20261201110000_outcomes_satisfaction_pending' } as never);
      expect(await db.schema.hasTable('scale_responses')).toBe(false);
      expect(await db('satisfaction_responses')).toHaveLength(1);
      await db.migrate.latest({ migrationSource });
      expect(await db.schema.hasTable('scale_responses')).toBe(true);
      expect(await db('satisfaction_responses')).toHaveLength(1);
    } finally {
      await database.drop();
    }
  });
});
