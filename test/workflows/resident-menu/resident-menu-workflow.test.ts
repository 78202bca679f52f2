import { ApplicationFailure } from '@temporalio/common';
import { residentMenuWorkflow } from '../../../workflows';
import { residentMenuWorkflowId } from '../../../workflows/resident-menu/messages';
import { stubActivities, timeSkippingSuite } from '../../helpers/time-skipping';

const HOUR = 3_600_000;

/** The rich-menu link of a language change, on the time-skipping server with a stubbed LINE. */
describe('the rich menu of a resident’s language', () => {
  const suite = timeSkippingSuite();
  let n = 0;
  const start = (stubs: ReturnType<typeof stubActivities>) =>
    suite.start(stubs, residentMenuWorkflow, { workflowId: residentMenuWorkflowId(`resident-${(n += 1)}`), args: [{ residentId: `resident-${n}` }] });

  it('links once and ends with what LINE did', async () => {
    const stubs = stubActivities({ overrides: { linkResidentRichMenu: async () => 'linked' } });
    expect(await (await start(stubs)).result()).toBe('linked');
    expect(stubs.callsOf('linkResidentRichMenu').map((c) => c.input)).toEqual([{ residentId: `resident-${n}` }]);
  });

  it('keeps trying while LINE is down, backing off, and gives up after an hour without failing', async () => {
    const stubs = stubActivities({
      overrides: {
        linkResidentRichMenu: async () => {
          throw ApplicationFailure.retryable('LINE 503', 'HTTPFetchError');
        },
      },
    });
    const startedAt = await suite.env.currentTimeMs();
    expect(await (await start(stubs)).result()).toBe('gave-up');
    const attempts = stubs.callsOf('linkResidentRichMenu').map((c) => c.at - startedAt);
    expect(attempts.length).toBeGreaterThan(5);
    expect(attempts.at(-1)!).toBeLessThanOrEqual(HOUR);
    // Backing off: later attempts are further apart (at most 5 minutes) than the first ones.
    expect(attempts[2] - attempts[1]).toBeLessThan(attempts.at(-1)! - attempts.at(-2)!);
  });
});
