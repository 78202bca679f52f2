import fs from 'node:fs';
import path from 'node:path';
import { summarize, Summary } from './stats';

/**
 * Latency of a 4 KiB write + fdatasync in `dir`, the unit of cost of every durable commit
 * (PostgreSQL's WAL flush, SQLite's journal). Bounded: `count` writes to one scratch file.
 */
export function fsyncLatency(dir: string, count = 200): Summary {
  const file = path.join(dir, `fsync-probe-${process.pid}`);
  const fd = fs.openSync(file, 'w');
  const block = Buffer.alloc(4096, 7);
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const started = process.hrtime.bigint();
      fs.writeSync(fd, block, 0, block.length, (i % 64) * block.length);
      fs.fdatasyncSync(fd);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
  return summarize(times);
}
