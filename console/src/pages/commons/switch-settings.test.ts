import { describe, expect, it } from 'vitest';
import { fixtures } from '../../test-fixtures';
import { holdRows, switchSummary } from '../task/task-logic';
import { EMPTY_SWITCH_FORM, formOf, switchFormErrors, switchSetting } from './switch-settings';

describe('switch settings', () => {
  it("round-trips a task's recorded setting through the form", () => {
    const t = fixtures.taskRescheduled;
    const form = formOf({ switchTime: t.switchTime, switchAt: t.cutover?.switchAt, guards: t.cutover?.guards });
    expect(switchSetting(form)).toEqual({
      switchTime: 'ScheduledTime',
      switchAt: t.cutover!.switchAt!.replace(/:\d\d\.\d{3}Z$/, ':00.000Z'),
      cutoverGuards: { maxDowntimeSeconds: 600 },
    });
  });

  it("checks the guards against docs/api.md's ranges and needs a day and time for ScheduledTime", () => {
    expect(
      switchFormErrors({
        ...EMPTY_SWITCH_FORM,
        guards: { recheckSeconds: '29', maxLogLagMb: '1.5', maxOpenTransactionMinutes: '0' },
      }).guards,
    ).toEqual({
      recheckSeconds: 'A whole number from 30 to 3,600',
      maxLogLagMb: 'A whole number from 1 to 1,000,000',
    });
    expect(
      switchFormErrors({ ...EMPTY_SWITCH_FORM, switchTime: 'ScheduledTime', switchDate: '2026-12-05' }).switchAt,
    ).toBeDefined();
    expect(switchSetting({ ...EMPTY_SWITCH_FORM, switchTime: 'MaintenanceWindow' })).toEqual({
      switchTime: 'MaintenanceWindow',
    });
  });
});

describe('cutover view', () => {
  it('lists the hold still holding first, then the newest', () => {
    const t = {
      ...fixtures.taskWaitingApproval,
      cutover: {
        holds: [
          { guard: 'maxLogLagMb', since: '2026-12-03T10:00:00.000Z', until: '2026-12-03T10:05:00.000Z' },
          { guard: 'maxOpenTransactionMinutes', since: '2026-12-03T09:00:00.000Z' },
          { guard: 'maxDowntimeSeconds', since: '2026-12-03T11:00:00.000Z', until: '2026-12-03T11:05:00.000Z' },
        ],
      },
    };
    expect(holdRows(t).map((h) => h.guard)).toEqual(['maxOpenTransactionMinutes', 'maxDowntimeSeconds', 'maxLogLagMb']);
  });

  it('says the switch setting in words, with the scheduled time', () => {
    expect(switchSummary(fixtures.taskWaitingApproval)).toBe('Switch when approved');
    expect(switchSummary(fixtures.taskRescheduled)).toMatch(
      /^Switch at a scheduled time: \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
    );
  });
});
