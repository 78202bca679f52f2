import type { Knex } from 'knex';

/**
 * Break-glass grants (a staff member opening a case outside their own, with a reason) and an
 * append-only audit log: the application's database role can add entries but not change or remove
 * them. The only deletion is the retention purge of entries older than 90 days, through
 * `audit_log_purge`, which the trigger recognises by a transaction-local setting it makes itself.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_access_grants', (t) => {
    t.bigIncrements('id');
    t.uuid('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE');
    t.uuid('staff_id').notNullable().references('staff_users.id').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['staff_id', 'consultation_id', 'expires_at']);
  });

  await knex.raw(`
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- Nested IFs: OLD is unassigned in the statement-level TRUNCATE trigger, and AND does not short-circuit.
      IF TG_OP = 'DELETE' THEN
        IF coalesce(current_setting('yorisoi.audit_purge_before', true), '') <> '' THEN
          IF OLD.at < current_setting('yorisoi.audit_purge_before', true)::timestamptz THEN
            RETURN OLD;
          END IF;
        END IF;
      ELSIF TG_OP = 'UPDATE' THEN
        -- A removed staff account keeps its entries: only actor_id may become NULL (the foreign key's SET NULL).
        IF NEW.actor_id IS NULL AND OLD.actor_id IS NOT NULL
           AND (NEW.id, NEW.at, NEW.actor_email, NEW.action, NEW.target_type, NEW.target_id, NEW.details)
               IS NOT DISTINCT FROM (OLD.id, OLD.at, OLD.actor_email, OLD.action, OLD.target_type, OLD.target_id, OLD.details) THEN
          RETURN NEW;
        END IF;
      END IF;
      RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$;
  `);
  await knex.raw('CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()');
  await knex.raw('CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()');
  // The one way to delete: entries older than `before`, never younger than 90 days.
  await knex.raw(`
    CREATE FUNCTION audit_log_purge(before timestamptz) RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE removed bigint;
    BEGIN
      IF before > now() - interval '90 days' THEN
        RAISE EXCEPTION 'audit entries are kept for at least 90 days';
      END IF;
      PERFORM set_config('yorisoi.audit_purge_before', before::text, true);
      DELETE FROM audit_log WHERE at < before;
      GET DIAGNOSTICS removed = ROW_COUNT;
      PERFORM set_config('yorisoi.audit_purge_before', '', true);
      RETURN removed;
    END $$;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP FUNCTION audit_log_purge(timestamptz)');
  await knex.raw('DROP TRIGGER audit_log_no_truncate ON audit_log');
  await knex.raw('DROP TRIGGER audit_log_append_only ON audit_log');
  await knex.raw('DROP FUNCTION audit_log_append_only()');
  await knex.schema.dropTable('case_access_grants');
}
