import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, ActivityDeps, Activities } from '../../activities';
import type { TemporalConnectionSettings } from './connection-settings';
import { encryptedDataConverter } from './encryption-codec';

/** Sized for a 2-core host: a few concurrent activities, a bounded workflow cache. */
export const WORKER_TUNING = {
  maxConcurrentActivityTaskExecutions: 20,
  // Workflow code runs on one thread: a task polled is a task started, and its 10 s timeout runs while
  // it waits behind the others. After a worker restart every consultation replays its whole history;
  // with 10 started at once on a starved CPU each took longer than 10 s, timed out, was replayed
  // again, and the consultations stopped answering (the chaos bench's lost messages). Two at a time,
  // the rest wait on the server, where no timeout runs.
  maxConcurrentWorkflowTaskExecutions: 2,
  maxCachedWorkflows: 500,
};

export interface WorkerOptions extends TemporalConnectionSettings {
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A prebuilt bundle (tests build one per run); otherwise the workflows are bundled at start. */
  workflowBundlePath?: string;
  /** Replaces some activities (tests pin a day's holidays so business hours do not depend on the date). */
  activityOverrides?: Partial<Activities>;
  /** How long in-flight activities may finish on shutdown; tests set 0 to imitate a crash. */
  shutdownGraceTime?: string;
  /** Overrides WORKER_TUNING (the load benchmark compares settings). */
  tuning?: Partial<typeof WORKER_TUNING>;
}

/** A worker on the task queue, with the payload codec and WORKER_TUNING. */
export async function createWorker(options: WorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: options.address, tls: options.tls, apiKey: options.apiKey });
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    identity: options.deps.workerIdentity,
    // The same codec as the client's: every payload in history is encrypted.
    dataConverter: encryptedDataConverter(options.deps.keyring.cipher('temporal-payload')),
    activities: { ...createActivities(options.deps), ...options.activityOverrides },
    ...(options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : { workflowsPath: require.resolve('../../workflows') }),
    ...WORKER_TUNING,
    ...options.tuning,
    shutdownGraceTime: options.shutdownGraceTime ?? '10s',
  });
  return { worker, connection };
}
