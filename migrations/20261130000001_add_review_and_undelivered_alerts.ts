import type { Knex } from 'knex';

/**
 * Two more alert kinds: `review` (a passive wish: staff look at the case, nobody is paged) and
 * `undelivered` (a message with crisis lines or emergency guidance that LINE finally refused).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check');
  await knex.raw("ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN ('crisis','unclaimed','referral_overdue','review','undelivered'))");
}

export async function down(knex: Knex): Promise<void> {
  await knex('alerts').whereIn('kind', ['review', 'undelivered']).delete();
  await knex.raw('ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check');
  await knex.raw("ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN ('crisis','unclaimed','referral_overdue'))");
}
