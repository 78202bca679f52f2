import crypto from 'node:crypto';
import path from 'node:path';
import { activityInfo } from '@temporalio/activity';
import type { WorkflowHandleWithFirstExecutionRunId, WorkflowStartOptions } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Workflow } from '@temporalio/workflow';
import { createActivities, type Activities } from '../../activities';
import { japaneseHolidays } from '../../activities/calendar/holidays';
import { loadEnv } from '../../platform/config/env';
import { loadProfile, type MunicipalityProfile } from '../../platform/config/profile';
import { PiiKeyring } from '../../platform/crypto/pii-cipher';
import { findTestServer } from '../../platform/temporal/test-server';
import type { BusinessCalendar } from '../../workflows/calendar/business-calendar';
import { calendarFromProfile, holidayYearsAround } from '../../workflows/calendar/calendar-from-profile';
import { ALL_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { referralDeadlines } from '../../workflows/referral/referral-policy';
import { EXAMPLE_PROFILE, installQuietRuntime } from './test-stack';
import { readTestRunState } from './test-run-state';

/**
 * Workflow tests that skip time: the Java test server (`npm run setup:test-server`) moves its clock
 * to the next timer whenever the test awaits a result or `env.sleep`, so days pass in milliseconds.
 * Activities are stubs that record what the workflow asked for and when (in the server's time).
 */
export async function startTimeSkipping(): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  const executable = findTestServer(path.resolve(__dirname, '../..'));
  const env = await createWithRetries(executable);
  // The test server takes no search-attribute flag; its operator service registers them instead.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(ALL_SEARCH_ATTRIBUTES.map((key) => [key.name, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD])),
  });
  return env;
}

/**
 * The SDK gives the server a fixed 5 s to listen. The setup script's class archive makes a JVM start
 * take 1–3 s, but on a loaded 2-core machine a start can still overrun; a second start is warmer.
 */
async function createWithRetries(executable: string, attempts = 3): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: executable } } });
    } catch (err) {
      if (attempt >= attempts || !/did not start within/.test(String(err))) throw err;
    }
  }
}

/** Moves the test server's clock forward to `atMs`, firing every timer due on the way. */
export async function skipTo(env: TestWorkflowEnvironment, atMs: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (atMs < now) throw new Error(`cannot skip back in time (${new Date(atMs).toISOString()} < ${new Date(now).toISOString()})`);
  await env.sleep(atMs - now);
}

/** The real activities with no database, LINE or model behind them: only the pure ones may be called. */
function realActivities(profile: MunicipalityProfile): Activities {
  const env = loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  return createActivities({ profile, keyring: PiiKeyring.fromEnv(env), workerIdentity: 'time-skipping' } as never);
}

const activityNames = () => Object.keys(realActivities(loadProfile(EXAMPLE_PROFILE))) as (keyof Activities)[];

export interface ActivityCall {
  name: keyof Activities;
  input: unknown;
  /** When the workflow scheduled it, in the test server's (skipped) time. */
  at: number;
}

export interface StubbedActivities {
  activities: Activities;
  calls: ActivityCall[];
  /** The calls of one activity, in order. */
  callsOf<K extends keyof Activities>(name: K): { input: Parameters<Activities[K]>[0]; at: number }[];
  /** The texts sent to the resident so far, one entry per message. */
  sentTexts(): string[];
  profile: MunicipalityProfile;
  calendar: (nowMs: number) => BusinessCalendar;
  /** The test server's clock, for local activities (their scheduled time is the worker's real clock). */
  useServerClock(clock: () => Promise<number>): void;
}

/**
 * Every activity the worker registers (names from the real factory, so none is missing), answered by
 * a stub: the profile and calendar activities are the real ones (pure), the rest return a plausible
 * value unless `overrides` names them. A returning resident who agreed to the terms is assumed.
 */
export function stubActivities(options: { profile?: (p: MunicipalityProfile) => void; overrides?: Partial<Activities> } = {}): StubbedActivities {
  const profile = loadProfile(EXAMPLE_PROFILE);
  options.profile?.(profile);
  const real = realActivities(profile);
  const calendar = (nowMs: number) => {
    const years = holidayYearsAround(nowMs);
    return calendarFromProfile(profile.businessHours, japaneseHolidays(years.fromYear, years.toYear));
  };
  const intake = Object.fromEntries(profile.intake.questions.map((q) => [q.id, q.options[0].value]));
  let serverClock: () => Promise<number> = async () => Date.now();
  // In the test server's (skipped) time: an activity was scheduled by the server; a local activity runs
  // inside a workflow task, while the server's clock stands still.
  const now = async () => (activityInfo().isLocal ? serverClock() : activityInfo().currentAttemptScheduledTimestampMs);
  const defaults: Partial<Activities> = {
    loadConversationSettings: real.loadConversationSettings,
    listJapaneseHolidays: real.listJapaneseHolidays,
    openConsultation: async () => ({
      consultationId: 'consultation-under-test',
      resident: { code: 'R-TIME01', termsVersion: profile.terms.version, intakeAnswered: Object.keys(intake), intake },
    }),
    sendToResident: async () => ({ status: 'sent', delivery: 'push' }),
    composeListeningReply: async () => ({ text: 'そうだったんですね。', answeredBy: 'fallback' }),
    assessRisk: async () => ({ level: 'none', categories: [], decidedBy: 'rules' }),
    enterQueue: async () => ({ offeredToStaffId: null }),
    escalateAlert: async () => 'escalated',
    withdrawConsents: async () => ({ consents: 0, activeReferralIds: [] }),
    sendReferral: async () => ({ sentAt: await now() }),
    computeReferralDeadlines: async ({ sentAt }) => referralDeadlines(sentAt, profile.referrals, calendar(sentAt)),
    referralAcceptedMessage: async () => 'ご紹介先から連絡があります。',
    loadResidentNudgeHistory: async () => ({ offersMs: [] }),
    // Without a resident to look up: the Japanese texts (the language is looked up in the database).
    loadCheckInSettings: () => real.loadCheckInSettings(),
    // A resident who declined check-ins: a consultation's close wakes a timer that stops at once.
    loadCheckInStatus: async () => ({ consent: 'declined', reachable: true, openConsultation: false, latestConsultationId: 'consultation-under-test', sentCount: 0 }),
  };
  const calls: ActivityCall[] = [];
  const activities = Object.fromEntries(
    Object.keys(real).map((name) => {
      const impl = (options.overrides as Record<string, (input: unknown) => Promise<unknown>> | undefined)?.[name] ?? (defaults as Record<string, (input: unknown) => Promise<unknown>>)[name];
      return [
        name,
        async (input: unknown) => {
          calls.push({ name: name as keyof Activities, input, at: await now() });
          return impl ? impl(input) : undefined;
        },
      ];
    }),
  ) as unknown as Activities;
  return {
    activities,
    calls,
    callsOf: (name) => calls.filter((c) => c.name === name).map((c) => ({ input: c.input as never, at: c.at })),
    sentTexts: () => calls.filter((c) => c.name === 'sendToResident').flatMap((c) => (c.input as { messages: { text?: string }[] }).messages.map((m) => m.text ?? '')),
    profile,
    calendar,
    useServerClock: (clock) => {
      serverClock = clock;
    },
  };
}

export interface StubWorker {
  taskQueue: string;
  /** The stubs that answer from now on (each test brings its own). */
  use(stubs: StubbedActivities): void;
  stop(): Promise<void>;
}

/**
 * One worker per test file (loading the workflow bundle takes seconds), on a task queue of its own,
 * running the run's prebuilt bundle; its activities hand each call to the stubs of the current test.
 */
export async function startStubWorker(env: TestWorkflowEnvironment): Promise<StubWorker> {
  let current: StubbedActivities | undefined;
  const activities = Object.fromEntries(
    activityNames().map((name) => [
      name,
      (input: unknown) => {
        if (!current) throw new Error('no stubs in use');
        return (current.activities[name] as (input: unknown) => Promise<unknown>)(input);
      },
    ]),
  );
  const taskQueue = `time-${crypto.randomBytes(4).toString('hex')}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, activities, workflowBundle: { codePath: readTestRunState().workflowBundlePath } });
  const running = worker.run();
  return {
    taskQueue,
    use: (stubs) => {
      current = stubs;
      stubs.useServerClock(() => env.currentTimeMs());
    },
    stop: async () => {
      worker.shutdown();
      await running;
    },
  };
}

export interface TimeSkippingSuite {
  readonly env: TestWorkflowEnvironment;
  readonly worker: StubWorker;
  /** Starts a workflow on the suite's worker, answered by `stubs`; it is terminated after the test. */
  start<W extends Workflow>(stubs: StubbedActivities, workflow: W, options: Omit<WorkflowStartOptions<W>, 'taskQueue'>): Promise<WorkflowHandleWithFirstExecutionRunId<W>>;
}

/**
 * The time-skipping server and one stub worker for a test file (call it inside `describe`): started
 * before its tests, stopped after them; each test's workflows are terminated when it ends, since a
 * workflow left running would hold the shared clock still (its tasks wait for a worker that is gone).
 */
export function timeSkippingSuite(): TimeSkippingSuite {
  let env: TestWorkflowEnvironment | undefined;
  let worker: StubWorker | undefined;
  const running: { terminate(reason: string): Promise<unknown> }[] = [];
  beforeAll(async () => {
    env = await startTimeSkipping();
    worker = await startStubWorker(env);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((h) => h.terminate('test over').catch(() => undefined)));
  });
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
  });
  const started = <T>(value: T | undefined): T => {
    if (!value) throw new Error('the time-skipping suite has not started (use it inside a test)');
    return value;
  };
  return {
    get env() {
      return started(env);
    },
    get worker() {
      return started(worker);
    },
    async start(stubs, workflow, options) {
      const w = started(worker);
      w.use(stubs);
      const handle = await started(env).client.workflow.start(workflow, { ...options, taskQueue: w.taskQueue } as WorkflowStartOptions<typeof workflow>);
      running.push(handle);
      return handle;
    },
  };
}
