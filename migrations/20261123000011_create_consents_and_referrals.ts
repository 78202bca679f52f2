import type { Knex } from 'knex';

/**
 * Consent records, encrypted personal details, the partner directory (shaped like the Human Services
 * Data Specification: organization → service → location, so it can be exchanged with other
 * directories), referrals with their history, and a new alert kind for a referral deadline that passed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('organizations', (t) => {
    // The profile's partner id (a slug), which `staff_users.partner_id` of partner accounts also holds.
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('description');
    t.text('email').notNullable();
    t.text('phone');
    t.text('url');
    t.boolean('active').notNullable().defaultTo(true);
    // `profile` rows are inserted at start when missing; an admin's edit makes them `admin` and wins.
    t.text('source').notNullable().defaultTo('profile');
    t.timestamps(true, true);
  });
  await knex.schema.createTable('services', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('organization_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.specificType('topics', 'text[]').notNullable().defaultTo('{}');
    t.text('description');
    t.unique(['organization_id', 'name']);
  });
  await knex.schema.createTable('locations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('organization_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('area');
    t.text('hours');
    t.unique(['organization_id', 'name']);
  });

  await knex.schema.createTable('referrals', (t) => {
    t.uuid('id').primary();
    t.uuid('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE');
    t.uuid('resident_id').notNullable().references('residents.id').onDelete('CASCADE');
    t.text('organization_id').notNullable().references('organizations.id');
    t.text('reason').notNullable();
    // Field names the resident is asked for and the partner may see (never the values).
    t.specificType('share', 'text[]').notNullable().defaultTo('{}');
    t.text('status').notNullable().defaultTo('awaiting_consent');
    t.uuid('consent_id');
    t.uuid('created_by').references('staff_users.id').onDelete('SET NULL');
    t.timestamp('sent_at', { useTz: true });
    t.timestamp('acknowledge_due_at', { useTz: true });
    t.timestamp('contact_due_at', { useTz: true });
    t.timestamp('acknowledged_at', { useTz: true });
    t.timestamp('accepted_at', { useTz: true });
    t.timestamp('declined_at', { useTz: true });
    t.text('decline_reason');
    t.timestamp('contacted_at', { useTz: true });
    t.timestamp('closed_at', { useTz: true });
    t.text('outcome');
    t.timestamp('withdrawn_at', { useTz: true });
    t.specificType('overdue', 'text[]').notNullable().defaultTo('{}');
    t.uuid('rerouted_from').references('referrals.id').onDelete('SET NULL');
    t.uuid('rerouted_to').references('referrals.id').onDelete('SET NULL');
    t.timestamps(true, true);
    t.index(['organization_id', 'created_at']);
    t.index(['consultation_id']);
  });
  await knex.raw(
    "ALTER TABLE referrals ADD CONSTRAINT referrals_status_check CHECK (status IN ('awaiting_consent','consent_declined','collecting','cancelled','sent','acknowledged','accepted','declined','contacted','closed','withdrawn'))",
  );

  await knex.schema.createTable('consents', (t) => {
    t.uuid('id').primary();
    t.uuid('resident_id').notNullable().references('residents.id').onDelete('CASCADE');
    t.uuid('consultation_id').references('consultations.id').onDelete('SET NULL');
    t.uuid('referral_id').references('referrals.id').onDelete('SET NULL');
    t.text('purpose').notNullable();
    // A partner organisation's id, or 'city'.
    t.text('recipient').notNullable();
    t.text('text_version').notNullable();
    t.text('channel').notNullable().defaultTo('line');
    t.timestamp('asked_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('agreed_at', { useTz: true });
    t.timestamp('declined_at', { useTz: true });
    t.timestamp('withdrawn_at', { useTz: true });
    t.index(['resident_id']);
  });
  await knex.raw("ALTER TABLE consents ADD CONSTRAINT consents_channel_check CHECK (channel IN ('line'))");
  await knex.schema.alterTable('referrals', (t) => {
    t.foreign('consent_id').references('consents.id').onDelete('SET NULL');
  });

  await knex.schema.createTable('personal_details', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('resident_id').notNullable().references('residents.id').onDelete('CASCADE');
    t.uuid('consent_id').notNullable().references('consents.id').onDelete('CASCADE');
    t.text('field').notNullable();
    // AES-256-GCM `v1.<keyId>.<base64>` (platform/crypto/pii-cipher.ts); clear text never lands here.
    t.text('ciphertext').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['consent_id', 'field']);
  });
  await knex.raw("ALTER TABLE personal_details ADD CONSTRAINT personal_details_ciphertext_check CHECK (ciphertext LIKE 'v1.%')");

  await knex.schema.createTable('referral_events', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('referral_id').notNullable().references('referrals.id').onDelete('CASCADE');
    t.text('event').notNullable();
    t.text('actor_type').notNullable();
    t.uuid('actor_id');
    // Ids, reasons and outcomes; never personal details.
    t.jsonb('details').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['referral_id', 'created_at']);
  });

  await knex.raw('ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check');
  await knex.raw("ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN ('crisis','unclaimed','referral_overdue'))");
  await knex.schema.alterTable('alerts', (t) => {
    t.uuid('referral_id').references('referrals.id').onDelete('CASCADE');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('alerts', (t) => {
    t.dropColumn('referral_id');
  });
  await knex('alerts').where({ kind: 'referral_overdue' }).delete();
  await knex.raw('ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check');
  await knex.raw("ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN ('crisis','unclaimed'))");
  await knex.schema.dropTable('referral_events');
  await knex.schema.dropTable('personal_details');
  await knex.schema.alterTable('referrals', (t) => {
    t.dropForeign(['consent_id']);
  });
  await knex.schema.dropTable('consents');
  await knex.schema.dropTable('referrals');
  await knex.schema.dropTable('locations');
  await knex.schema.dropTable('services');
  await knex.schema.dropTable('organizations');
}
