import { z } from 'zod';
import type { MunicipalityProfile } from '../../platform/config/profile';
import type { Db } from '../../platform/db';
import { recordAudit } from '../audit/audit-log';
import { OVERSIGHT, STAFF_ROLES } from '../auth/roles';
import { AppError, FailureCode } from '../http/errors';
import { parseBody } from '../http/list-query';
import { RouteSpec, signedInUser } from '../http/route';
import { directoryReady, listPartners } from './partner-directory';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '英小文字・数字・ハイフンで入力してください');
// `id` names an existing service or location to keep (and update); one without an id is added.
const childId = z.uuid().optional();
const serviceInput = z.object({ id: childId, name: z.string().trim().min(1).max(100), topics: z.array(z.string().min(1)).default([]), description: z.string().max(2000).nullish() });
const locationInput = z.object({ id: childId, name: z.string().trim().min(1).max(100), area: z.string().max(100).nullish(), hours: z.string().max(100).nullish() });
const uniqueNames = (items: { name: string }[] | undefined) => !items || new Set(items.map((i) => i.name)).size === items.length;
const partnerInput = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000).nullish(),
  email: z.email(),
  phone: z.string().max(20).nullish(),
  url: z.url().nullish(),
  active: z.boolean().optional(),
  services: z.array(serviceInput).refine(uniqueNames, 'サービス名が重複しています').optional(),
  locations: z.array(locationInput).refine(uniqueNames, '拠点名が重複しています').optional(),
});

/** The partner directory: staff read it (to choose where to refer); admins and supervisors edit it in the admin app. */
export function partnerRoutes(deps: { db: Db; profile: MunicipalityProfile }): RouteSpec[] {
  const { db, profile } = deps;

  /**
   * Makes the organisation's services (or locations) the given list: rows named by id are updated,
   * the others added, and rows left out removed. Ids are kept, so a service stays the same row
   * across edits. Deletions go first, so a name may move from a removed row to a new one.
   */
  const replaceChildren = async (trx: Db, id: string, body: z.infer<typeof partnerInput>) => {
    const sync = async <T extends { id?: string }>(table: 'services' | 'locations', items: T[] | undefined, columns: (item: T) => Record<string, unknown>) => {
      if (!items) return;
      const kept = items.map((i) => i.id).filter((x): x is string => Boolean(x));
      const existing = new Set((await trx(table).where({ organization_id: id }).select('id')).map((r: { id: string }) => r.id));
      const unknown = kept.filter((k) => !existing.has(k));
      if (unknown.length > 0) throw new AppError(FailureCode.BadInput, 'この連携団体にない項目が指定されました。', [{ field: table, message: 'unknown id' }]);
      await trx(table).where({ organization_id: id }).whereNotIn('id', kept).delete();
      for (const item of items) {
        if (item.id) await trx(table).where({ id: item.id, organization_id: id }).update(columns(item));
        else await trx(table).insert({ organization_id: id, ...columns(item) });
      }
    };
    await sync('services', body.services, (s) => ({ name: s.name, topics: s.topics, description: s.description ?? null }));
    await sync('locations', body.locations, (l) => ({ name: l.name, area: l.area ?? null, hours: l.hours ?? null }));
  };

  return [
    {
      method: 'get',
      path: '/api/partners',
      access: STAFF_ROLES,
      handler: async (_req, res) => {
        await directoryReady(db, profile);
        const data = await listPartners(db);
        res.json({ data, total: data.length });
      },
    },
    {
      method: 'get',
      path: '/api/partners/:id',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        await directoryReady(db, profile);
        const [partner] = await listPartners(db, [String(req.params.id)]);
        if (!partner) throw new AppError(FailureCode.NotFound, '連携団体が見つかりません。');
        res.json({ data: partner });
      },
    },
    {
      method: 'post',
      path: '/api/partners',
      access: OVERSIGHT,
      handler: async (req, res) => {
        await directoryReady(db, profile);
        const body = parseBody(partnerInput.extend({ id: slug }), req.body);
        if (await db('organizations').where({ id: body.id }).first('id')) throw new AppError(FailureCode.Conflict, 'この ID の連携団体はすでにあります。', [{ field: 'id', message: 'この ID の連携団体はすでにあります' }]);
        await db.transaction(async (trx) => {
          await trx('organizations').insert({ id: body.id, name: body.name, description: body.description ?? null, email: body.email, phone: body.phone ?? null, url: body.url ?? null, active: body.active ?? true, source: 'admin' });
          await replaceChildren(trx, body.id, body);
        });
        await recordAudit(db, signedInUser(req), { action: 'partner.create', targetType: 'organization', targetId: body.id });
        res.status(201).json({ data: (await listPartners(db, [body.id]))[0] });
      },
    },
    {
      method: 'patch',
      path: '/api/partners/:id',
      access: OVERSIGHT,
      handler: async (req, res) => {
        await directoryReady(db, profile);
        const id = String(req.params.id);
        if (!(await db('organizations').where({ id }).first('id'))) throw new AppError(FailureCode.NotFound, '連携団体が見つかりません。');
        const body = parseBody(partnerInput.partial(), req.body);
        const patch = Object.fromEntries(Object.entries({ name: body.name, description: body.description, email: body.email, phone: body.phone, url: body.url, active: body.active }).filter(([, v]) => v !== undefined));
        // An admin's edit wins over the profile from now on (syncPartnerDirectory skips `admin` rows).
        await db.transaction(async (trx) => {
          await trx('organizations').where({ id }).update({ ...patch, source: 'admin', updated_at: db.fn.now() });
          await replaceChildren(trx, id, body as z.infer<typeof partnerInput>);
        });
        await recordAudit(db, signedInUser(req), { action: 'partner.update', targetType: 'organization', targetId: id, details: { fields: Object.keys(body) } });
        res.json({ data: (await listPartners(db, [id]))[0] });
      },
    },
  ];
}
