// The switch setting as a form edits it (Upgrade page, Task page's reschedule) and the request it makes:
// docs/api.md "Submit an upgrade" (switchTime, switchAt) and "Cutover guards".
import type { CutoverGuards, SwitchSetting } from '../../api/types';

/** Every switch time the API accepts, in the guide's order. */
export const SWITCH_TIMES = ['Immediate', 'MaintenanceWindow', 'ScheduledTime', 'OnApproval'] as const;

export interface GuardSpec {
  field: keyof CutoverGuards;
  label: string;
  unit: string;
  min: number;
  max: number;
  defaultValue: number;
}

/** docs/api.md's guards, ranges and defaults. */
export const GUARDS: GuardSpec[] = [
  {
    field: 'maxOpenTransactionMinutes',
    label: 'Longest open transaction',
    unit: 'minutes',
    min: 0,
    max: 10080,
    defaultValue: 10,
  },
  { field: 'maxLogLagMb', label: 'Largest log not yet shipped', unit: 'MB', min: 1, max: 1000000, defaultValue: 2000 },
  {
    field: 'maxDowntimeSeconds',
    label: 'Longest estimated downtime',
    unit: 'seconds',
    min: 1,
    max: 86400,
    defaultValue: 300,
  },
  {
    field: 'recheckSeconds',
    label: 'Check a holding guard again every',
    unit: 'seconds',
    min: 30,
    max: 3600,
    defaultValue: 300,
  },
];

export interface SwitchForm {
  switchTime: string;
  /** ScheduledTime only: the UTC day (YYYY-MM-DD) and time (HH:mm). */
  switchDate: string;
  switchClock: string;
  /** Guard overrides as typed; empty = the default. */
  guards: Partial<Record<keyof CutoverGuards, string>>;
}

export const EMPTY_SWITCH_FORM: SwitchForm = { switchTime: 'Immediate', switchDate: '', switchClock: '', guards: {} };

export interface SwitchFormErrors {
  switchAt?: string;
  guards: Partial<Record<keyof CutoverGuards, string>>;
}

/** What is wrong with the form, per field (the API would answer 400 InvalidParameter for each). */
export function switchFormErrors(f: SwitchForm): SwitchFormErrors {
  const errors: SwitchFormErrors = { guards: {} };
  if (f.switchTime === 'ScheduledTime') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.switchDate) || !/^\d{2}:\d{2}$/.test(f.switchClock)) {
      errors.switchAt = 'Choose the day and the time (UTC) of the switch';
    } else if (Number.isNaN(Date.parse(`${f.switchDate}T${f.switchClock}:00.000Z`))) {
      errors.switchAt = 'Not a valid date and time';
    }
  }
  for (const g of GUARDS) {
    const text = (f.guards[g.field] ?? '').trim();
    if (text === '') continue;
    const n = Number(text);
    if (!Number.isInteger(n) || n < g.min || n > g.max) {
      errors.guards[g.field] = `A whole number from ${g.min} to ${g.max.toLocaleString('en-US')}`;
    }
  }
  return errors;
}

export function hasErrors(e: SwitchFormErrors): boolean {
  return e.switchAt !== undefined || Object.keys(e.guards).length > 0;
}

/** The request's switch fields, or undefined while the form has an error. Only guards typed in are sent. */
export function switchSetting(f: SwitchForm): SwitchSetting | undefined {
  if (hasErrors(switchFormErrors(f))) return undefined;
  const out: SwitchSetting = { switchTime: f.switchTime };
  if (f.switchTime === 'ScheduledTime')
    out.switchAt = new Date(`${f.switchDate}T${f.switchClock}:00.000Z`).toISOString();
  const guards: CutoverGuards = {};
  for (const g of GUARDS) {
    const text = (f.guards[g.field] ?? '').trim();
    if (text !== '') guards[g.field] = Number(text);
  }
  if (Object.keys(guards).length > 0) out.cutoverGuards = guards;
  return out;
}

/** The form that shows a task's current setting (for rescheduling it). */
export function formOf(setting: { switchTime?: string; switchAt?: string; guards?: CutoverGuards }): SwitchForm {
  const at = setting.switchAt ? new Date(setting.switchAt) : undefined;
  const guards: SwitchForm['guards'] = {};
  for (const g of GUARDS) {
    const v = setting.guards?.[g.field];
    if (v !== undefined) guards[g.field] = String(v);
  }
  return {
    switchTime: setting.switchTime ?? 'Immediate',
    switchDate: at ? at.toISOString().slice(0, 10) : '',
    switchClock: at ? at.toISOString().slice(11, 16) : '',
    guards,
  };
}
