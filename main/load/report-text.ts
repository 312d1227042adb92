// The load report as people read it (gwb load's cli reporter) and the one-line live progress.
import { goCodeName } from '../output/grpcurl-format.js';
import type { LatencySummary, LoadProgress, LoadReport } from './report-types.js';

const ms = (value: number): string =>
  value >= 100
    ? `${value.toFixed(0)}ms`
    : value >= 10
      ? `${value.toFixed(1)}ms`
      : `${value.toFixed(2)}ms`;

function bytes(n: number): string {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(2)} GiB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(2)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${n} B`;
}

function latencies(l: LatencySummary): string {
  return `p50 ${ms(l.p50)}  p90 ${ms(l.p90)}  p99 ${ms(l.p99)}  p99.9 ${ms(l.p999)}  max ${ms(l.max)}`;
}

export function loadReportText(report: LoadReport): string {
  const model =
    report.model === 'open'
      ? `open model (arrival rate; latency from each call's intended start), at most ${report.concurrency} in flight`
      : `closed model, ${report.concurrency} in flight`;
  const lines = [
    `${report.method} at ${report.target}${report.interrupted ? ' (interrupted)' : ''}`,
    `  ${model}; ${report.workers} worker${report.workers === 1 ? '' : 's'}, ${report.connections} connection${report.connections === 1 ? '' : 's'}`,
    `  calls      ${report.sent} sent = ${report.ok} OK + ${report.errors} errors in ${(report.durationMs / 1000).toFixed(2)} s`,
    `  throughput ${report.rps.toFixed(1)} calls/s`,
    `  latency    ${latencies(report.latencyMs)}  mean ${ms(report.latencyMs.mean)}`,
    `  messages   ${report.messagesSent} sent (${bytes(report.bytesSent)}), ${report.messagesReceived} received (${bytes(report.bytesReceived)})`,
    '  status',
    ...report.statuses.map(
      (s) =>
        `    ${goCodeName(s.code).padEnd(18)} ${String(s.count).padStart(9)}${s.code !== 0 && s.sample ? `  e.g. ${s.sample}` : ''}`,
    ),
  ];
  if (report.thresholds.length > 0) {
    lines.push('  thresholds');
    for (const t of report.thresholds)
      lines.push(
        `    ${t.passed ? 'pass' : 'FAIL'}  ${t.threshold}  (measured ${+t.actual.toFixed(3)})`,
      );
  }
  return `${lines.join('\n')}\n`;
}

export function progressLine(
  p: Pick<LoadProgress, 'elapsedMs' | 'sent' | 'errors' | 'rps' | 'latencyMs'>,
): string {
  return `${(p.elapsedMs / 1000).toFixed(0)}s  ${p.sent} sent  ${p.errors} errors  ${p.rps.toFixed(0)}/s  ${latencies(p.latencyMs)}`;
}
