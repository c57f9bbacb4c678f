import { readFileSync } from 'node:fs';

/** A field of /proc/<pid>/status in megabytes (VmRSS: resident now; VmHWM: the peak since the process started). */
export function statusMegabytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(match[1]) / 1024;
}

export interface MemoryWatch {
  /** Stops sampling; the largest VmRSS sampled, in MB. */
  stop(): number;
}

/** Samples a process's resident memory every `everyMs` until stopped. */
export function watchResidentMemory(pid: number, everyMs = 20): MemoryWatch {
  let peak = statusMegabytes(pid, 'VmRSS');
  const timer = setInterval(() => {
    peak = Math.max(peak, statusMegabytes(pid, 'VmRSS'));
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, statusMegabytes(pid, 'VmRSS'));
    },
  };
}
