import { detailAad } from '../../activities/referral-activities';
import { TOTP_AAD } from '../../api/auth/auth-routes';
import type { PiiKeyring } from '../../platform/crypto/pii-cipher';
import { keyIdColumn, SEALED_COLUMNS, TextSealer } from '../../platform/crypto/sealed-text';
import type { Db } from '../../platform/db';

/**
 * Brings every encrypted value in PostgreSQL under the current key (PII_ENCRYPTION_KEY): seals free
 * text still in clear (rows written before encryption at rest) and re-seals values written with an
 * older key (PII_ENCRYPTION_KEYS_OLD), images and files residents sent among them. Each batch commits on its own and a row under the current key
 * is never selected again, so an interrupted run is resumed by running it again. A row changed by the
 * application meanwhile is left alone (the update matches the value read) and picked up next batch.
 */
export interface Progress {
  target: string;
  done: number;
  total: number;
}

interface Target {
  name: string;
  table: string;
  rowKey: string;
  column: string;
  /** Rows still to do, by the column's key id (free text) or the key id inside the value (PII tokens). */
  pending: (db: Db, currentKeyId: string) => ReturnType<Db>;
  open: (row: Record<string, unknown>) => string;
  seal: (row: Record<string, unknown>, plain: string) => Record<string, string | Buffer | null>;
}

function targets(keyring: PiiKeyring): Target[] {
  const sealer = new TextSealer(keyring);
  const cipher = keyring.cipher('pii-at-rest');
  const tokenTarget = (table: string, rowKey: string, column: string, aad: (row: Record<string, unknown>) => string, extra: string[]): Target => ({
    name: `${table}.${column}`,
    table,
    rowKey,
    column,
    pending: (db, current) => db(table).whereNotNull(column).whereRaw('?? NOT LIKE ?', [column, `v1.${current}.%`]).select(rowKey, column, ...extra),
    open: (row) => cipher.decrypt(row[column] as string, aad(row)),
    seal: (row, plain) => ({ [column]: cipher.encrypt(plain, aad(row)) }),
  });
  return [
    ...SEALED_COLUMNS.map(
      ({ table, column, rowKey }): Target => ({
        name: `${table}.${column}`,
        table,
        rowKey,
        column,
        pending: (db, current) =>
          db(table)
            .whereNotNull(column)
            .whereNot(column, '')
            .where((w) => w.whereNull(keyIdColumn(column)).orWhereNot(keyIdColumn(column), current))
            .select(rowKey, ...TextSealer.select(column)),
        open: (row) => sealer.open(table as never, column as never, row, row[rowKey] as string) as string,
        seal: (row, plain) => sealer.seal(table as never, column as never, row[rowKey] as string, plain),
      }),
    ),
    {
      // Images and files residents sent: bytes, carried through `plain` as base64.
      name: 'message_media.content',
      table: 'message_media',
      rowKey: 'id',
      column: 'content',
      pending: (db, current) => db('message_media').whereNotNull('content').whereNot('content_key_id', current).select('id', 'content', 'content_key_id'),
      open: (row) => sealer.openBytes('message_media', 'content', row.id as string, row.content_key_id as string, row.content as Buffer).toString('base64'),
      seal: (row, plain) => {
        const { sealed, keyId } = sealer.sealBytes('message_media', 'content', row.id as string, Buffer.from(plain, 'base64'));
        return { content: sealed, content_key_id: keyId };
      },
    },
    tokenTarget('personal_details', 'id', 'ciphertext', (r) => detailAad(r.resident_id as string, r.field as string), ['resident_id', 'field']),
    tokenTarget('staff_users', 'id', 'totp_secret', (r) => TOTP_AAD(r.id as string), []),
    tokenTarget('staff_users', 'id', 'totp_pending_secret', (r) => TOTP_AAD(r.id as string), []),
  ];
}

export async function reencryptAll(
  db: Db,
  keyring: PiiKeyring,
  options: { batchSize?: number; onProgress?: (p: Progress) => void } = {},
): Promise<Record<string, number>> {
  const batchSize = options.batchSize ?? 500;
  const current = keyring.current.id;
  const changed: Record<string, number> = {};
  for (const target of targets(keyring)) {
    const [{ n }] = await target.pending(db, current).clearSelect().count<{ n: string }[]>('* as n');
    const total = Number(n);
    let done = 0;
    changed[target.name] = 0;
    options.onProgress?.({ target: target.name, done, total });
    while (done < total) {
      const rows = await target.pending(db, current).orderBy(target.rowKey).limit(batchSize);
      if (rows.length === 0) break;
      const updated = await db.transaction(async (trx) => {
        let count = 0;
        for (const row of rows) {
          let plain: string;
          try {
            plain = target.open(row);
          } catch (err) {
            // Names the row, never its content: usually an old key missing from PII_ENCRYPTION_KEYS_OLD.
            throw new Error(`${target.name} of row ${String(row[target.rowKey])} does not open: ${(err as Error).message}`);
          }
          const patch = target.seal(row, plain);
          // Only if nobody rewrote the value since it was read.
          count += await trx(target.table).where(target.rowKey, row[target.rowKey]).where(target.column, row[target.column]).update(patch);
        }
        return count;
      });
      changed[target.name] += updated;
      done += rows.length;
      options.onProgress?.({ target: target.name, done: Math.min(done, total), total });
    }
  }
  return changed;
}
