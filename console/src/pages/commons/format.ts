// Durations and times as the guide writes them ("6 h 34 min").

export function duration(seconds: number | undefined | null): string {
  if (seconds === undefined || seconds === null || Number.isNaN(seconds)) return '-';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return rest > 0 && m < 10 ? `${m} min ${rest} s` : `${m} min`;
  return `${rest} s`;
}

export function between(start?: string, end?: string): number | undefined {
  if (!start || !end) return undefined;
  return (Date.parse(end) - Date.parse(start)) / 1000;
}

/** UTC, minutes: "2026-12-03 13:05 UTC". */
export function utc(instant?: string): string {
  if (!instant) return '-';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

export const PHASE_LABELS: Record<string, string> = {
  precheck: 'Prechecks',
  create: 'Create and configure the new instance',
  fullBackup: 'Back up full data',
  restoreFull: 'Restore the full backup',
  logBackup: 'Back up incremental transaction logs',
  logApply: 'Apply incremental transaction log backups',
  restoreDatabases: 'Restore databases',
  waitForWindow: 'Wait for the switch (window, scheduled time, approval or a cutover guard)',
  pointOfNoReturn: 'Point of no return (tail-log backup)',
  endpointMove: 'Move the endpoint',
  openDatabases: 'Open the databases to applications (SET MULTI_USER)',
  switch: 'Switch workloads',
};

export function phaseLabel(name: string): string {
  return PHASE_LABELS[name] ?? name;
}

export const RDS_EDITION_LABELS: Record<string, string> = {
  Basic: 'Basic Edition',
  HighAvailability: 'High-availability Edition',
  Cluster: 'Cluster Edition',
};

export const SWITCH_TIME_LABELS: Record<string, string> = {
  Immediate: 'Switch immediately after data migration',
  MaintenanceWindow: 'Switch within the maintenance window',
  ScheduledTime: 'Switch at a scheduled time',
  OnApproval: 'Switch when approved',
};

/** Bytes as the console shows sizes: "558.8 GiB", "60 MiB". */
export function bytes(n: number | undefined | null): string {
  if (n === undefined || n === null || Number.isNaN(n)) return '-';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 || v >= 100 || Number.isInteger(v) ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}
