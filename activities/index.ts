import type { Db } from '../platform/db';
import { createDatabaseActivities } from './database-activities';

export interface ActivityDeps {
  db: Db;
  workerIdentity: string;
}

/** All activities, grouped by the outside system they touch; workflows import only the type. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createDatabaseActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
