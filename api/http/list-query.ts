import type { Request } from 'express';
import { z } from 'zod';
import { AppError, FailureCode } from './errors';

/** The list contract of the admin app: page, perPage, sort, order and a JSON filter. */
export interface ListQuery<S extends string> {
  page: number;
  perPage: number;
  sort: S;
  order: 'asc' | 'desc';
  filter: Record<string, unknown>;
}

export function parseListQuery<S extends string>(req: Request, sortable: readonly [S, ...S[]], defaultSort: S): ListQuery<S> {
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
        ctx.addIssue({ code: 'custom', message: 'filter must be a JSON object' });
        return z.NEVER;
      }),
  });
  const parsed = schema.safeParse(req.query);
  if (!parsed.success) throw new AppError(FailureCode.BadInput, '一覧の条件が正しくありません。', parsed.error.issues);
  return parsed.data as ListQuery<S>;
}

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new AppError(
      FailureCode.BadInput,
      '入力内容を確認してください。',
      parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    );
  }
  return parsed.data;
}
