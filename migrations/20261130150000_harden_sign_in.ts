import type { Knex } from 'knex';

/**
 * Sign-in hardening: a TOTP second factor with one-time recovery codes, sessions that wait for the
 * second factor or an enrolment, an idle timeout, and per-IP failure counters shared by every API
 * instance (PostgreSQL, not process memory).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('staff_users', (t) => {
    // Encrypted with the at-rest cipher; the pending secret waits for the first correct code.
    t.text('totp_secret');
    t.text('totp_pending_secret');
    // The last accepted time step: a code is accepted once (no replay within its 30 s window).
    t.bigInteger('totp_last_step');
    // SHA-256 of each unused recovery code.
    t.specificType('recovery_code_hashes', 'text[]').notNullable().defaultTo('{}');
    t.timestamp('password_changed_at', { useTz: true });
  });
  await knex.schema.alterTable('staff_sessions', (t) => {
    // 'full', or a session that may only finish the second factor ('second-factor') or enrol ('enrol').
    t.text('stage').notNullable().defaultTo('full');
    t.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw("ALTER TABLE staff_sessions ADD CONSTRAINT staff_sessions_stage_check CHECK (stage IN ('full','second-factor','enrol'))");
  await knex.schema.createTable('sign_in_throttle', (t) => {
    // 'ip:<address>'; one row per key and window.
    t.text('key').primary();
    t.timestamp('window_started_at', { useTz: true }).notNullable();
    t.integer('failures').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sign_in_throttle');
  await knex.raw('ALTER TABLE staff_sessions DROP CONSTRAINT staff_sessions_stage_check');
  await knex.schema.alterTable('staff_sessions', (t) => {
    t.dropColumn('last_seen_at');
    t.dropColumn('stage');
  });
  await knex.schema.alterTable('staff_users', (t) => {
    t.dropColumn('password_changed_at');
    t.dropColumn('recovery_code_hashes');
    t.dropColumn('totp_last_step');
    t.dropColumn('totp_pending_secret');
    t.dropColumn('totp_secret');
  });
}
