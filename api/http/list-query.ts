import type { Request } from 'express';
import { z } from 'zod';
import { AppError, FailureCode } from './errors';

/** The list contract of the admin app: page, perPage, sort, order and a JSON filter. */
export interface ListQuery<S extends string, F> {
  page: number;
  perPage: number;
  sort: S;
  order: 'asc' | 'desc';
  filter: F;
}

/** A Tokyo calendar day, YYYY-MM-DD, that exists (2026-02-30 does not). */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD の形式で指定してください')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), '存在しない日付です');

/** Free-text search in a list: short, and never a pattern (the caller escapes %, _ and \). */
export const searchText = z.string().max(100);

/** An ILIKE pattern matching `text` anywhere, with %, _ and \ taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[%_\\]/g, '\\$&')}%`;

/**
 * Every list route names the filters it accepts: a wrong type, a malformed id or date is a 400 in
 * the usual error shape, before any SQL runs, so the value never reaches the database or its errors.
 */
export function parseListQuery<S extends string, F extends z.ZodObject>(req: Request, sortable: readonly [S, ...S[]], defaultSort: S, filter: F): ListQuery<S, z.infer<F>> {
  const schema = z.object({
    page: z.coerce.number().int().min(1).default(1),
    perPage: z.coerce.number().int().min(1).max(200).default(25),
    sort: z.enum(sortable).default(defaultSort),
    order: z
      .enum(['ASC', 'DESC', 'asc', 'desc'])
      .default('DESC')
      .transform((o) => o.toLowerCase() as 'asc' | 'desc'),
    filter: z
      .string()
      .default('{}')
      .transform((s, ctx) => {
        try {
          const value = JSON.parse(s) as unknown;
          if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
        } catch {
          /* reported below */
        }
        ctx.addIssue({ code: 'custom', message: 'filter は JSON のオブジェクトで指定してください' });
        return z.NEVER;
      })
      .pipe(filter),
  });
  const parsed = schema.safeParse(req.query);
  if (!parsed.success) throw new AppError(FailureCode.BadInput, '一覧の条件が正しくありません。', fieldIssues(parsed.error));
  return parsed.data as ListQuery<S, z.infer<F>>;
}

/** Which field and why, never the value that was sent (it may be anything, personal data included). */
const fieldIssues = (error: z.ZodError) => error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError(FailureCode.BadInput, '入力内容を確認してください。', fieldIssues(parsed.error));
  return parsed.data;
}
