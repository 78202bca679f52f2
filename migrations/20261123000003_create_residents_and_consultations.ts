import type { Knex } from 'knex';

/**
 * Residents are pseudonymous: staff see `code`, never the LINE user id, which exists only so the
 * platform can answer. A consultation is one episode, backed by one workflow run chain.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('residents', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('code').notNullable().unique();
    t.text('line_user_id').unique();
    t.text('status').notNullable().defaultTo('active');
    t.timestamp('followed_at', { useTz: true });
    t.timestamp('unfollowed_at', { useTz: true });
    t.text('terms_version');
    t.timestamp('terms_agreed_at', { useTz: true });
    t.jsonb('intake').notNullable().defaultTo('{}');
    t.timestamps(true, true);
  });
  await knex.raw("ALTER TABLE residents ADD CONSTRAINT residents_status_check CHECK (status IN ('active','unreachable','erased'))");

  await knex.schema.createTable('consultations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('resident_id').notNullable().references('residents.id').onDelete('CASCADE');
    t.text('workflow_id').notNullable();
    t.text('status').notNullable().defaultTo('onboarding');
    t.text('risk_level').notNullable().defaultTo('none');
    t.text('highest_risk_level').notNullable().defaultTo('none');
    t.uuid('assigned_staff_id').references('staff_users.id').onDelete('SET NULL');
    t.timestamp('opened_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_message_at', { useTz: true });
    t.timestamp('closed_at', { useTz: true });
    t.text('close_reason');
    t.timestamps(true, true);
    t.index(['status', 'opened_at']);
    t.index(['resident_id', 'opened_at']);
  });
  await knex.raw(
    "ALTER TABLE consultations ADD CONSTRAINT consultations_status_check CHECK (status IN ('onboarding','listening','waiting_for_staff','with_staff','closed'))",
  );
  const levels = "('none','low','medium','high','imminent')";
  await knex.raw(`ALTER TABLE consultations ADD CONSTRAINT consultations_risk_check CHECK (risk_level IN ${levels} AND highest_risk_level IN ${levels})`);
  // At most one open consultation per resident: the workflow id is derived from the resident.
  await knex.raw("CREATE UNIQUE INDEX consultations_one_open_per_resident ON consultations (resident_id) WHERE status <> 'closed'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('consultations');
  await knex.schema.dropTable('residents');
}
