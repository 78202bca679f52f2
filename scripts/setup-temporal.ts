// Finds or builds the Temporal CLI ($TEMPORAL_CLI, PATH, .tools/, then go install) and prints its path.
import path from 'node:path';
import { ensureTemporalCli } from '../platform/temporal/cli';

ensureTemporalCli(path.resolve(__dirname, '..'), (line) => console.error(line)).then(
  (cli) => {
    console.error(`Temporal CLI (${cli.how}): ${cli.path}`);
    console.log(cli.path);
  },
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
