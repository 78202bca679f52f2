// Fetches the time-skipping Temporal test server (Java) into .tools/ with mvn and prints its wrapper's path.
import path from 'node:path';
import { installTestServer } from '../platform/temporal/test-server';

installTestServer(path.resolve(__dirname, '..'), (line) => console.error(line)).then(
  (exe) => {
    console.error(`Temporal test server: ${exe}`);
    console.log(exe);
  },
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
