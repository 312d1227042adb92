import { existsSync, readFileSync } from 'node:fs';

/**
 * This process's peak resident memory in MB. Linux keeps getrusage's maxRSS across exec, so a
 * child started from a big parent (a test runner, a benchmark holding 500k events) would report
 * the parent's peak; /proc's VmHWM belongs to the current process image alone.
 */
export function peakRssMb(): number {
  const status = existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : '';
  const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
  return (hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS) / 1024;
}
