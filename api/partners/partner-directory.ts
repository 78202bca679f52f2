import type { MunicipalityProfile } from '../../platform/config/profile';
import type { Db } from '../../platform/db';

/**
 * The partner directory, shaped like the Human Services Data Specification: an organization offers
 * services (with the topics they cover) at locations (area, hours). The profile's partners are
 * inserted when missing; rows an admin edited (`source = 'admin'`) are never overwritten.
 */
export async function syncPartnerDirectory(db: Db, profile: MunicipalityProfile): Promise<void> {
  for (const p of profile.partners) {
    await db('organizations').insert({ id: p.id, name: p.name, email: p.email, phone: p.phone ?? null, source: 'profile' }).onConflict('id').ignore();
    const org = await db('organizations').where({ id: p.id }).first('source');
    if (org.source !== 'profile') continue;
    for (const name of p.services) await db('services').insert({ organization_id: p.id, name, topics: p.topics }).onConflict(['organization_id', 'name']).ignore();
    await db('locations').insert({ organization_id: p.id, name: p.area, area: p.area, hours: p.hours }).onConflict(['organization_id', 'name']).ignore();
  }
}

const synced = new WeakMap<Db, Promise<void>>();
/** Synced once per process and database, before the first directory read. */
export function directoryReady(db: Db, profile: MunicipalityProfile): Promise<void> {
  let p = synced.get(db);
  if (!p) {
    p = syncPartnerDirectory(db, profile).catch((err) => {
      synced.delete(db);
      throw err;
    });
    synced.set(db, p);
  }
  return p;
}

export interface PartnerView {
  id: string;
  name: string;
  description: string | null;
  email: string;
  phone: string | null;
  url: string | null;
  active: boolean;
  source: string;
  services: { id: string; name: string; topics: string[]; description: string | null }[];
  locations: { id: string; name: string; area: string | null; hours: string | null }[];
}

export async function listPartners(db: Db, ids?: string[]): Promise<PartnerView[]> {
  const orgs: Record<string, any>[] = await db('organizations').modify((q) => (ids ? q.whereIn('id', ids) : q)).orderBy('name');
  const services = await db('services').whereIn('organization_id', orgs.map((o) => o.id)).orderBy('name');
  const locations = await db('locations').whereIn('organization_id', orgs.map((o) => o.id)).orderBy('name');
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    description: o.description,
    email: o.email,
    phone: o.phone,
    url: o.url,
    active: o.active,
    source: o.source,
    services: services.filter((s) => s.organization_id === o.id).map((s) => ({ id: s.id, name: s.name, topics: s.topics, description: s.description ?? null })),
    locations: locations.filter((l) => l.organization_id === o.id).map((l) => ({ id: l.id, name: l.name, area: l.area, hours: l.hours })),
  }));
}
