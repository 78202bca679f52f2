import { HttpClient } from '../helpers/http-client';
import { startTestStack, TestStack, TEST_PASSWORD } from '../helpers/test-stack';

describe('system check: API → real Temporal → worker activity → real Postgres', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
  });
  afterAll(() => stack.stop());

  it('runs a workflow whose activity writes a row the API reads back', async () => {
    const admin = await stack.createUser('admin');
    const client = await new HttpClient(stack.baseUrl).login(admin.email, TEST_PASSWORD);

    const res = await client.post('/api/system-checks');

    expect(res.status).toBe(201);
    expect(res.body.data.workerIdentity).toBe(`test-worker-${stack.taskQueue}`);
    const row = await stack.db('system_checks').where({ id: res.body.data.id }).first();
    expect(row.workflow_id).toBe(`system-check-${res.body.data.id}`);
    const description = await stack.temporal.workflow.getHandle(row.workflow_id).describe();
    expect(description.status.name).toBe('COMPLETED');
    const audit = await stack.db('audit_log').where({ action: 'system-check.run', target_id: res.body.data.id }).first();
    expect(audit.actor_id).toBe(admin.id);
  });
});
