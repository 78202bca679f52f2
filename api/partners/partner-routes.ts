import { z } from 'zod';
import type { MunicipalityProfile } from '../../platform/config/profile';
import type { Db } from '../../platform/db';
import { recordAudit } from '../audit/audit-log';
import { ADMIN_ONLY, STAFF_ROLES } from '../auth/roles';
import { AppError, FailureCode } from '../http/errors';
import { parseBody } from '../http/list-query';
import { RouteSpec, signedInUser } from '../http/route';
import { directoryReady, listPartners } from './partner-directory';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '英小文字・数字・ハイフンで入力してください');
const serviceInput = z.object({ name: z.string().trim().min(1).max(100), topics: z.array(z.string().min(1)).default([]) });
const locationInput = z.object({ name: z.string().trim().min(1).max(100), area: z.string().max(100).nullish(), hours: z.string().max(100).nullish() });
const partnerInput = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000).nullish(),
  email: z.email(),
  phone: z.string().max(20).nullish(),
  url: z.url().nullish(),
  active: z.boolean().optional(),
  services: z.array(serviceInput).optional(),
  locations: z.array(locationInput).optional(),
});

/** The partner directory: staff read it (to choose where to refer), admins edit it. */
export function partnerRoutes(deps: { db: Db; profile: MunicipalityProfile }): RouteSpec[] {
  const { db, profile } = deps;

  const replaceChildren = async (id: string, body: z.infer<typeof partnerInput>) => {
    if (body.services) {
      await db('services').where({ organization_id: id }).delete();
      for (const s of body.services) await db('services').insert({ organization_id: id, name: s.name, topics: s.topics });
    }
    if (body.locations) {
      await db('locations').where({ organization_id: id }).delete();
      for (const l of body.locations) await db('locations').insert({ organization_id: id, name: l.name, area: l.area ?? null, hours: l.hours ?? null });
    }
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
      access: ADMIN_ONLY,
      handler: async (req, res) => {
        await directoryReady(db, profile);
        const body = parseBody(partnerInput.extend({ id: slug }), req.body);
        if (await db('organizations').where({ id: body.id }).first('id')) throw new AppError(FailureCode.Conflict, 'この ID の連携団体はすでにあります。');
        await db('organizations').insert({ id: body.id, name: body.name, description: body.description ?? null, email: body.email, phone: body.phone ?? null, url: body.url ?? null, active: body.active ?? true, source: 'admin' });
        await replaceChildren(body.id, body);
        await recordAudit(db, signedInUser(req), { action: 'partner.create', targetType: 'organization', targetId: body.id });
        res.status(201).json({ data: (await listPartners(db, [body.id]))[0] });
      },
    },
    {
      method: 'patch',
      path: '/api/partners/:id',
      access: ADMIN_ONLY,
      handler: async (req, res) => {
        await directoryReady(db, profile);
        const id = String(req.params.id);
        if (!(await db('organizations').where({ id }).first('id'))) throw new AppError(FailureCode.NotFound, '連携団体が見つかりません。');
        const body = parseBody(partnerInput.partial(), req.body);
        const patch = Object.fromEntries(Object.entries({ name: body.name, description: body.description, email: body.email, phone: body.phone, url: body.url, active: body.active }).filter(([, v]) => v !== undefined));
        // An admin's edit wins over the profile from now on.
        await db('organizations').where({ id }).update({ ...patch, source: 'admin', updated_at: db.fn.now() });
        await replaceChildren(id, body as z.infer<typeof partnerInput>);
        await recordAudit(db, signedInUser(req), { action: 'partner.update', targetType: 'organization', targetId: id, details: { fields: Object.keys(body) } });
        res.json({ data: (await listPartners(db, [id]))[0] });
      },
    },
  ];
}
