/**
 * CPU time and resident memory of a process, read from /proc (Linux only;
 * elsewhere the figures are reported as null). CPU is averaged over a
 * window; RSS is the peak of samples taken every SAMPLE_MS.
 */
import fs from 'node:fs';

const SAMPLE_MS = 250;
/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat, 100 on every common Linux. */
const CLOCK_TICKS = 100;

export interface ProcWindow {
  /** Average CPU over the window, in % of one core. */
  cpuPercent: number | null;
  peakRssMiB: number | null;
}

function cpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

export function rssMiB(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Starts watching a process; `stop()` returns its CPU share and peak RSS since. */
export function watchProcess(pid: number): { stop(): ProcWindow } {
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  let peak = rssMiB(pid);
  const timer = setInterval(() => {
    const r = rssMiB(pid);
    if (r !== null && (peak === null || r > peak)) peak = r;
  }, SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      const cpu1 = cpuSeconds(pid);
      const secs = (performance.now() - t0) / 1000;
      const r = rssMiB(pid);
      if (r !== null && (peak === null || r > peak)) peak = r;
      return { cpuPercent: cpu0 === null || cpu1 === null ? null : ((cpu1 - cpu0) / secs) * 100, peakRssMiB: peak };
    },
  };
}

/** The same for this (load-generator) process, all threads together. */
export function watchSelf(): { stop(): number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  return {
    stop() {
      const c = process.cpuUsage(c0);
      return ((c.user + c.system) / 1000 / (performance.now() - t0)) * 100;
    },
  };
}
