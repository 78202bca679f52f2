import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, ActivityDeps, Activities } from '../../activities';
import type { TemporalConnectionSettings } from './connection-settings';
import { encryptedDataConverter } from './encryption-codec';

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
}

/** Sized for a 2-core host: a few concurrent activities, a bounded workflow cache. */
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
    maxConcurrentActivityTaskExecutions: 20,
    maxConcurrentWorkflowTaskExecutions: 10,
    maxCachedWorkflows: 500,
    shutdownGraceTime: options.shutdownGraceTime ?? '10s',
  });
  return { worker, connection };
}
