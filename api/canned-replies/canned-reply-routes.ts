import type { Knex } from 'knex';
import { z } from 'zod';
import { REPLY_LANGUAGES } from '../../contracts/reply-languages';
import { japaneseHolidays } from '../../activities/calendar/holidays';
import type { MunicipalityProfile } from '../../platform/config/profile';
import type { Db } from '../../platform/db';
import { nextOpening } from '../../workflows/calendar/business-calendar';
import { calendarFromProfile, holidayYearsAround } from '../../workflows/calendar/calendar-from-profile';
import { recordAudit } from '../audit/audit-log';
import { OVERSIGHT, STAFF_ROLES } from '../auth/roles';
import { assertCanSeeCase } from '../consultations/case-access';
import { AppError, FailureCode } from '../http/errors';
import { containsPattern, parseBody, parseListQuery, searchText } from '../http/list-query';
import { RouteSpec, signedInUser } from '../http/route';
import { fillPlaceholders, formatOpening, unknownPlaceholders } from './placeholders';

const uuid = z.uuid();

const replyText = z
  .string()
  .trim()
  .min(1, '本文を入力してください')
  .max(2000)
  .refine((t) => unknownPlaceholders(t).length === 0, { message: '使える差し込みは {residentCode} と {nextOpening} だけです' });
const replyBody = z.object({ title: z.string().trim().min(1, '題名を入力してください').max(100), text: replyText, language: z.enum(REPLY_LANGUAGES).default('ja') });

const toCannedReply = (r: Record<string, any>) => ({
  id: r.id as string,
  title: r.title as string,
  text: r.text as string,
  language: r.language as string,
  updatedAt: new Date(r.updated_at).toISOString(),
});

/**
 * 定型文: supervisors and admins keep them, staff read them and insert them into a reply. On a case,
 * `GET /api/consultations/:id/canned-replies` answers them with the placeholders filled for that case.
 */
export function cannedReplyRoutes(deps: { db: Db; profile: MunicipalityProfile }): RouteSpec[] {
  const { db, profile } = deps;
  const load = async (id: string) => {
    const row = uuid.safeParse(id).success ? await db('canned_replies').where({ id }).first() : undefined;
    if (!row) throw new AppError(FailureCode.NotFound, '定型文が見つかりません。');
    return row;
  };
  const openingAt = (now: number) => {
    const years = holidayYearsAround(now);
    return nextOpening(now, calendarFromProfile(profile.businessHours, japaneseHolidays(years.fromYear, years.toYear)));
  };

  return [
    {
      method: 'get',
      path: '/api/canned-replies',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const q = parseListQuery(req, ['title', 'language', 'updatedAt'], 'title', z.object({ q: searchText.optional(), language: z.enum(REPLY_LANGUAGES).optional() }));
        const where = (w: Knex.QueryBuilder) => {
          if (q.filter.language) w.where('language', q.filter.language);
          if (q.filter.q) w.where((o) => o.whereILike('title', containsPattern(q.filter.q!)).orWhereILike('text', containsPattern(q.filter.q!)));
        };
        const { count } = (await db('canned_replies').where(where).count({ count: '*' }).first()) as { count: string };
        const column = { title: 'title', language: 'language', updatedAt: 'updated_at' }[q.sort];
        const rows = await db('canned_replies')
          .where(where)
          .orderBy(column, q.order)
          .orderBy('id')
          .limit(q.perPage)
          .offset((q.page - 1) * q.perPage);
        res.json({ data: rows.map(toCannedReply), total: Number(count) });
      },
    },
    {
      method: 'get',
      path: '/api/canned-replies/:id',
      access: STAFF_ROLES,
      handler: async (req, res) => res.json({ data: toCannedReply(await load(String(req.params.id))) }),
    },
    {
      method: 'post',
      path: '/api/canned-replies',
      access: OVERSIGHT,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const body = parseBody(replyBody, req.body);
        const [row] = await db('canned_replies').insert({ ...body, updated_by: user.id }).returning('*');
        await recordAudit(db, user, { action: 'canned-reply.create', targetType: 'canned-reply', targetId: row.id });
        res.status(201).json({ data: toCannedReply(row) });
      },
    },
    {
      method: 'patch',
      path: '/api/canned-replies/:id',
      access: OVERSIGHT,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const found = await load(String(req.params.id));
        const body = parseBody(replyBody.partial().strict(), req.body);
        const [row] = await db('canned_replies')
          .where({ id: found.id })
          .update({ ...body, updated_by: user.id, updated_at: db.fn.now() })
          .returning('*');
        await recordAudit(db, user, { action: 'canned-reply.update', targetType: 'canned-reply', targetId: row.id, details: { fields: Object.keys(body) } });
        res.json({ data: toCannedReply(row) });
      },
    },
    {
      method: 'delete',
      path: '/api/canned-replies/:id',
      access: OVERSIGHT,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const found = await load(String(req.params.id));
        await db('canned_replies').where({ id: found.id }).delete();
        await recordAudit(db, user, { action: 'canned-reply.delete', targetType: 'canned-reply', targetId: found.id });
        res.json({ data: toCannedReply(found) });
      },
    },
    {
      method: 'get',
      path: '/api/consultations/:id/canned-replies',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const id = String(req.params.id);
        const c = uuid.safeParse(id).success ? await db('consultations as c').join('residents as r', 'r.id', 'c.resident_id').where('c.id', id).first('c.id', 'r.code') : undefined;
        if (!c) throw new AppError(FailureCode.NotFound, '相談が見つかりません。');
        await assertCanSeeCase(db, user, profile, c.id);
        const opening = openingAt(Date.now());
        const rows = await db('canned_replies').orderBy('language').orderBy('title');
        res.json({ data: rows.map((r) => ({ ...toCannedReply(r), text: fillPlaceholders(r.text, { residentCode: c.code, nextOpening: formatOpening(opening, r.language) }) })) });
      },
    },
  ];
}
