import { syncPartnerDirectory } from '../../api/partners/partner-directory';
import { HttpClient } from '../helpers/http-client';
import { startTestStack, TestStack, TEST_PASSWORD } from '../helpers/test-stack';

/** The partner directory as the admin app edits it: organisations with their services and locations. */
describe('partner directory API', () => {
  let stack: TestStack;
  let supervisor: HttpClient;
  let admin: HttpClient;
  let staff: HttpClient;

  beforeAll(async () => {
    stack = await startTestStack();
    const as = async (role: 'supervisor' | 'admin' | 'staff') => new HttpClient(stack.baseUrl).login((await stack.createUser(role)).email, TEST_PASSWORD);
    [supervisor, admin, staff] = await Promise.all([as('supervisor'), as('admin'), as('staff')]);
  });
  afterAll(() => stack.stop());

  it('lists the profile’s partners with their services and locations', async () => {
    const res = await staff.get('/api/partners');
    expect(res.status).toBe(200);
    expect(res.body.data.map((p: { id: string }) => p.id).sort()).toEqual(stack.profile.partners.map((p) => p.id).sort());
    const ibasho = res.body.data.find((p: { id: string }) => p.id === 'npo-ibasho');
    expect(ibasho).toMatchObject({ source: 'profile', services: expect.arrayContaining([expect.objectContaining({ name: '居場所づくり', topics: ['loneliness', 'hikikomori'] })]), locations: [{ name: 'サンプル市全域', hours: '平日10時〜17時' }] });
  });

  it('lets a supervisor add an organisation with a service and a location; staff may not', async () => {
    const body = {
      id: 'kodomo-shokudo',
      name: 'こども食堂ネットワーク',
      email: 'info@shokudo.example',
      services: [{ name: '食事の提供', topics: ['money', 'family'] }],
      locations: [{ name: '北地区', area: 'サンプル市北部', hours: '土曜11時〜14時' }],
    };
    expect((await staff.post('/api/partners', body)).status).toBe(403);
    const created = await supervisor.post('/api/partners', body);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ id: 'kodomo-shokudo', source: 'admin', active: true, services: [{ name: '食事の提供', topics: ['money', 'family'] }], locations: [{ name: '北地区', hours: '土曜11時〜14時' }] });
    // The same id again is refused, naming the field.
    const again = await supervisor.post('/api/partners', body);
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual([{ field: 'id', message: expect.stringMatching(/すでにあります/) }]);
    expect(await stack.db('audit_log').where({ action: 'partner.create', target_id: 'kodomo-shokudo' })).toHaveLength(1);
    // Staff choose among the directory when they refer, so the new organisation is offered there too.
    expect((await staff.get('/api/partners')).body.data.map((p: { id: string }) => p.id)).toContain('kodomo-shokudo');
  });

  it('edits a profile partner: a service kept by id, one added, the location changed; the profile sync keeps the edit', async () => {
    const before = (await admin.get('/api/partners/jiritsu-shien')).body.data;
    const kept = before.services.find((s: { name: string }) => s.name === '就労支援');
    const edited = await admin.patch('/api/partners/jiritsu-shien', {
      phone: '023-000-0000',
      services: [{ id: kept.id, name: '就労支援', topics: ['work'] }, { name: '家計の相談', topics: ['money'] }],
      locations: [{ id: before.locations[0].id, name: before.locations[0].name, area: 'サンプル市全域', hours: '平日8時30分〜17時15分' }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({ source: 'admin', phone: '023-000-0000', locations: [{ id: before.locations[0].id, hours: '平日8時30分〜17時15分' }] });
    expect(edited.body.data.services.map((s: { name: string }) => s.name).sort()).toEqual(['家計の相談', '就労支援']);
    // The service named by id is the same row; the one left out (生活困窮の相談) is gone.
    expect(edited.body.data.services.find((s: { name: string }) => s.name === '就労支援')).toMatchObject({ id: kept.id, topics: ['work'] });

    // A restart syncs the profile again: the edited partner stays as the admin left it.
    await syncPartnerDirectory(stack.db, stack.profile);
    const after = (await staff.get('/api/partners/jiritsu-shien')).body.data;
    expect(after.services.map((s: { name: string }) => s.name).sort()).toEqual(['家計の相談', '就労支援']);
    expect(after.locations).toEqual([expect.objectContaining({ hours: '平日8時30分〜17時15分' })]);
    expect(after.phone).toBe('023-000-0000');
  });

  it('deactivates rather than deletes, and refuses a service of another organisation or a duplicate name', async () => {
    expect((await supervisor.patch('/api/partners/kodomo-shokudo', { active: false })).body.data.active).toBe(false);
    const foreign = (await staff.get('/api/partners/npo-ibasho')).body.data.services[0];
    const res = await supervisor.patch('/api/partners/kodomo-shokudo', { services: [{ id: foreign.id, name: '乗っ取り', topics: [] }] });
    expect(res.status).toBe(400);
    expect((await staff.get('/api/partners/npo-ibasho')).body.data.services[0].name).toBe(foreign.name);
    const dup = await supervisor.patch('/api/partners/kodomo-shokudo', { locations: [{ name: '北地区' }, { name: '北地区' }] });
    expect(dup.status).toBe(400);
    expect((await staff.get('/api/partners/kodomo-shokudo')).body.data.locations).toEqual([expect.objectContaining({ name: '北地区', hours: '土曜11時〜14時' })]);
  });
});
