import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** One line naming the machine, the runtime, the date and the code the figures belong to. */
export function machineLine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() || 'unknown CPU';
  const memGiB = (os.totalmem() / 1024 ** 3).toFixed(1);
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  const head = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain']) ? '+uncommitted' : '';
  return [
    `CPU ${model}`,
    `${cpus.length} cores`,
    `${memGiB} GiB RAM`,
    `${os.type()} ${os.release()}`,
    `Node ${process.version}`,
    `load avg ${load}`,
    cpuPressure(),
    `git ${head || '?'}${dirty}`,
    new Date().toISOString(),
  ].join(' | ');
}

/** Linux pressure-stall figure for CPU: share of the last 60 s in which some task waited for a CPU. */
export function cpuPressure(): string {
  try {
    const some = fs.readFileSync('/proc/pressure/cpu', 'utf8').split('\n')[0];
    return `cpu pressure avg60 ${/avg60=([\d.]+)/.exec(some)?.[1] ?? '?'}%`;
  } catch {
    return 'cpu pressure n/a';
  }
}
