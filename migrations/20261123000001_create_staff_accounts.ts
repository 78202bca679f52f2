import type { Knex } from 'knex';

/** Staff, supervisors, admins, partner users and officials, and their cookie sessions. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS pgcrypto');
  await knex.schema.createTable('staff_users', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('email').notNullable();
    t.text('display_name').notNullable();
    t.text('role').notNullable();
    // Partner users are bound to one partner organisation (profile id).
    t.text('partner_id');
    t.text('password_hash').notNullable();
    t.boolean('disabled').notNullable().defaultTo(false);
    t.integer('failed_logins').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true });
    t.timestamp('last_login_at', { useTz: true });
    t.timestamps(true, true);
  });
  // Case-insensitive uniqueness: Admin@City.jp and admin@city.jp are one account.
  await knex.raw('CREATE UNIQUE INDEX staff_users_email_unique ON staff_users (lower(email))');
  await knex.raw(
    "ALTER TABLE staff_users ADD CONSTRAINT staff_users_role_check CHECK (role IN ('admin','supervisor','staff','partner','official'))",
  );
  await knex.raw(
    "ALTER TABLE staff_users ADD CONSTRAINT staff_users_partner_check CHECK ((role = 'partner') = (partner_id IS NOT NULL))",
  );

  await knex.schema.createTable('staff_sessions', (t) => {
    // Only a SHA-256 of the cookie token is stored, so a database dump cannot be replayed as a login.
    t.text('token_hash').primary();
    t.uuid('user_id').notNullable().references('staff_users.id').onDelete('CASCADE');
    t.text('csrf_token').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['user_id']);
    t.index(['expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('staff_sessions');
  await knex.schema.dropTable('staff_users');
}
