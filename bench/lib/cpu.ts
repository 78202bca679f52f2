import fs from 'node:fs';

/**
 * CPU time by process group, read from /proc (Linux only; elsewhere every figure is 0). A group is a
 * root pid and all its descendants, so Postgres backends count towards the postmaster's group.
 */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  ticks: number;
}

function readProcs(): ProcStat[] {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  const out: ProcStat[] = [];
  for (const d of entries) {
    try {
      const raw = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      // The command name may contain spaces and parentheses: fields start after the last ')'.
      const rest = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(d), ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

function totalBusyTicks(): { busy: number; all: number } {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = v[3] + (v[4] ?? 0);
    const all = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: all - idle, all };
  } catch {
    return { busy: 0, all: 0 };
  }
}

export type Groups = Record<string, { root: number | undefined; withDescendants: boolean }>;

export interface CpuSnapshot {
  at: number;
  groups: Record<string, number>;
  machineBusy: number;
}

export function snapshotCpu(groups: Groups): CpuSnapshot {
  const procs = readProcs();
  const children = new Map<number, ProcStat[]>();
  const byPid = new Map<number, ProcStat>();
  for (const p of procs) {
    byPid.set(p.pid, p);
    const list = children.get(p.ppid) ?? [];
    list.push(p);
    children.set(p.ppid, list);
  }
  const sumTree = (root: number, deep: boolean): number => {
    const self = byPid.get(root)?.ticks ?? 0;
    if (!deep) return self;
    let total = self;
    const stack = [...(children.get(root) ?? [])];
    for (let guard = 0; stack.length > 0 && guard < 10_000; guard += 1) {
      const p = stack.pop() as ProcStat;
      total += p.ticks;
      stack.push(...(children.get(p.pid) ?? []));
    }
    return total;
  };
  const result: Record<string, number> = {};
  for (const [name, g] of Object.entries(groups)) result[name] = g.root ? sumTree(g.root, g.withDescendants) : 0;
  return { at: Date.now(), groups: result, machineBusy: totalBusyTicks().busy };
}

/** Cores used by each group between two snapshots, plus everything else on the machine. */
export function coresUsed(a: CpuSnapshot, b: CpuSnapshot): Record<string, number> {
  const seconds = (b.at - a.at) / 1000;
  if (seconds <= 0) return {};
  const out: Record<string, number> = {};
  let ours = 0;
  for (const name of Object.keys(b.groups)) {
    const ticks = b.groups[name] - (a.groups[name] ?? 0);
    // A process that exited between the snapshots (an idle pool connection's backend) takes its
    // ticks with it, so a group can come out slightly negative: shown as 0.
    ours += Math.max(0, ticks);
    out[name] = Math.max(0, ticks) / TICKS_PER_SECOND / seconds;
  }
  out['other processes'] = Math.max(0, (b.machineBusy - a.machineBusy - ours) / TICKS_PER_SECOND / seconds);
  return out;
}
