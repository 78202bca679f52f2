/** What global setup started, handed to test files through the environment. */
export interface TestRunState {
  dataDir: string;
  adminDatabaseUrl: string;
  temporalAddress: string;
  workflowBundlePath: string;
  /** The admin app built in development mode, so the browser tests see React's warnings. */
  adminDistDir: string;
}

export const TEMPLATE_DATABASE = 'yorisoi_test_template';
const KEY = 'YORISOI_TEST_RUN';

export function writeTestRunState(state: TestRunState): void {
  // Jest test files run in child contexts that inherit this process's environment.
  process.env[KEY] = JSON.stringify(state);
}

export function readTestRunState(): TestRunState {
  const raw = process.env[KEY];
  if (!raw) throw new Error('test run state missing: run the tests through jest (global setup starts Postgres and Temporal)');
  return JSON.parse(raw) as TestRunState;
}
