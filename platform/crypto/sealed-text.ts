import type { PiiCipher, PiiKeyring } from './pii-cipher';

/**
 * The free-text columns that hold what residents, staff and partners wrote about a person: stored
 * sealed with the at-rest cipher (AES-256-GCM, `v1.<keyId>.<base64>`), bound to their table, column
 * and row, so a value copied to another row or column does not open.
 *
 * Beside each column, `<column>_key_id` names the key a value was sealed with; NULL means the value
 * is still clear text (written before encryption at rest, or by code that forgot). That column, not
 * the value's shape, tells the two apart, so a resident who types something that looks like a
 * ciphertext is never mistaken for one; scripts/reencrypt.ts seals what is still clear.
 */
export const SEALED_COLUMNS = [
  { table: 'messages', column: 'text', rowKey: 'id' },
  { table: 'consultations', column: 'summary', rowKey: 'id' },
  { table: 'handover_summaries', column: 'text', rowKey: 'consultation_id' },
  { table: 'consultation_notes', column: 'text', rowKey: 'id' },
  { table: 'risk_reviews', column: 'note', rowKey: 'id' },
  { table: 'referrals', column: 'reason', rowKey: 'id' },
  { table: 'referrals', column: 'decline_reason', rowKey: 'id' },
  { table: 'referrals', column: 'outcome', rowKey: 'id' },
  { table: 'satisfaction_responses', column: 'comment', rowKey: 'id' },
  // What a resident sent, until the relay has handed it to Temporal (api/line-webhook/inbox-content.ts).
  { table: 'webhook_inbox', column: 'content', rowKey: 'webhook_event_id' },
] as const;

export type SealedColumn = (typeof SEALED_COLUMNS)[number];
type Table = SealedColumn['table'];
type ColumnOf<T extends Table> = Extract<SealedColumn, { table: T }>['column'];

export const keyIdColumn = (column: string) => `${column}_key_id`;
const aad = (table: string, column: string, rowId: string) => `${table}.${column}:${rowId}`;

export class TextSealer {
  private readonly cipher: PiiCipher;

  constructor(keyring: PiiKeyring) {
    this.cipher = keyring.cipher('pii-at-rest');
  }

  get currentKeyId(): string {
    return this.cipher.currentKeyId;
  }

  /** The column and its key id, ready to spread into an insert or update. Empty and null stay as they are. */
  seal<T extends Table>(table: T, column: ColumnOf<T>, rowId: string, plain: string | null | undefined): Record<string, string | null> {
    if (!plain) return { [column]: plain ?? null, [keyIdColumn(column)]: null };
    return { [column]: this.cipher.encrypt(plain, aad(table, column, rowId)), [keyIdColumn(column)]: this.cipher.currentKeyId };
  }

  /** The text of a row read with its `<column>_key_id`; clear text (no key id) is returned as stored. */
  open<T extends Table>(table: T, column: ColumnOf<T>, row: Record<string, unknown>, rowId = row.id as string): string | null {
    const value = row[column] as string | null | undefined;
    const keyId = row[keyIdColumn(column)] as string | null | undefined;
    if (!value || !keyId) return value ?? null;
    return this.cipher.decrypt(value, aad(table, column, rowId));
  }

  /** Columns to select so `open` can read `column` (qualified with a table alias when given). */
  static select(column: string, alias?: string): string[] {
    const q = (c: string) => (alias ? `${alias}.${c}` : c);
    return [q(column), q(keyIdColumn(column))];
  }
}

/** Sets the column and its key id to NULL/empty together (retention, erase): nothing left to open. */
export function clearedSealed(column: string, empty: '' | null = null): Record<string, string | null> {
  return { [column]: empty, [keyIdColumn(column)]: null };
}
