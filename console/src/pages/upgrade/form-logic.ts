// The Upgrade page's rules, apart from its rendering: which options the selections leave, the request
// they make, and whether Confirm may be pressed.
import type {
  DryRunResult,
  EditionOption,
  Estimate,
  InstanceType,
  UpgradeOptions,
  UpgradeRequest,
} from '../../api/types';
import { SWITCH_TIMES, SwitchForm, switchSetting } from '../commons/switch-settings';

export interface Selection extends SwitchForm {
  engineVersion?: string;
  sqlEdition?: string;
  rdsEdition?: string;
  instanceType?: string;
  acceleratedDatabaseRecovery: boolean;
}

export function versions(options: UpgradeOptions): string[] {
  return options.targets.map((t) => t.engineVersion);
}

function editionsOf(options: UpgradeOptions, version?: string): EditionOption[] {
  return options.targets.find((t) => t.engineVersion === version)?.editions ?? [];
}

export function sqlEditions(options: UpgradeOptions, version?: string): string[] {
  return [...new Set(editionsOf(options, version).map((e) => e.sqlEdition))];
}

export function rdsEditions(options: UpgradeOptions, version?: string, sqlEdition?: string): string[] {
  return editionsOf(options, version)
    .filter((e) => e.sqlEdition === sqlEdition)
    .map((e) => e.rdsEdition);
}

export function instanceTypes(options: UpgradeOptions, s: Selection): InstanceType[] {
  return (
    editionsOf(options, s.engineVersion).find((e) => e.sqlEdition === s.sqlEdition && e.rdsEdition === s.rdsEdition)
      ?.instanceTypes ?? []
  );
}

function pick(values: string[], preferred?: string): string | undefined {
  return preferred !== undefined && values.includes(preferred) ? preferred : values[0];
}

/**
 * Keeps each choice when the options still offer it, else takes the first offered (the current
 * edition and type first, as the guide's page does); so a new version never leaves a stale edition.
 */
export function normalize(options: UpgradeOptions, s: Selection): Selection {
  const engineVersion = pick(versions(options), s.engineVersion ?? newest(options));
  const sqlEdition = pick(sqlEditions(options, engineVersion), s.sqlEdition ?? options.current.sqlEdition);
  const rdsEdition = pick(rdsEditions(options, engineVersion, sqlEdition), s.rdsEdition ?? options.current.rdsEdition);
  const next = { ...s, engineVersion, sqlEdition, rdsEdition };
  const types = instanceTypes(options, next).map((t) => t.name);
  const instanceType = pick(types, s.instanceType ?? options.current.instanceType);
  const switchTime = pick([...SWITCH_TIMES], s.switchTime) ?? 'Immediate';
  const adr = s.acceleratedDatabaseRecovery && adrAllowed(engineVersion);
  return { ...next, instanceType, switchTime, acceleratedDatabaseRecovery: adr };
}

function newest(options: UpgradeOptions): string | undefined {
  return [...versions(options)].sort().at(-1);
}

/** Accelerated Database Recovery exists from SQL Server 2019 on. */
export function adrAllowed(version?: string): boolean {
  return version !== undefined && Number(version) >= 2019;
}

/** The request, or undefined while the target is incomplete or the switch fields have an error. */
export function toRequest(s: Selection): UpgradeRequest | undefined {
  if (!s.engineVersion || !s.sqlEdition || !s.rdsEdition || !s.instanceType) return undefined;
  const setting = switchSetting(s);
  if (!setting) return undefined;
  const request: UpgradeRequest = {
    engineVersion: s.engineVersion,
    sqlEdition: s.sqlEdition,
    rdsEdition: s.rdsEdition,
    instanceType: s.instanceType,
    ...setting,
  };
  if (s.acceleratedDatabaseRecovery) request.acceleratedDatabaseRecovery = true;
  return request;
}

/** A dry run answers for one request: after any change it must be run again before Confirm. */
export function requestKey(r: UpgradeRequest | undefined): string {
  return r
    ? JSON.stringify([
        r.engineVersion,
        r.sqlEdition,
        r.rdsEdition,
        r.instanceType,
        r.switchTime,
        r.switchAt ?? null,
        r.cutoverGuards ?? null,
        !!r.acceleratedDatabaseRecovery,
      ])
    : '';
}

export interface ConfirmState {
  enabled: boolean;
  reason?: string;
}

export function confirmState(args: {
  options?: UpgradeOptions;
  request?: UpgradeRequest;
  dryRun?: DryRunResult;
  dryRunKey?: string;
  termsAccepted: boolean;
  submitting: boolean;
}): ConfirmState {
  const { options, request, dryRun, dryRunKey, termsAccepted, submitting } = args;
  if (!options) return { enabled: false, reason: 'Loading the upgrade options' };
  if (options.blockers.length > 0) return { enabled: false, reason: options.blockers.map((b) => b.code).join(', ') };
  if (!request) return { enabled: false, reason: 'Choose the target and a valid switching time' };
  if (!dryRun || dryRunKey !== requestKey(request))
    return { enabled: false, reason: 'Run the dry run for this target first' };
  if (!dryRun.upgradable) {
    return {
      enabled: false,
      reason: dryRun.prechecks
        .filter((p) => p.result === 'FAILED')
        .map((p) => p.code ?? p.name)
        .join(', '),
    };
  }
  if (!termsAccepted) return { enabled: false, reason: 'Read and accept the terms' };
  if (submitting) return { enabled: false, reason: 'Submitting' };
  return { enabled: true };
}

/** The switch's expected downtime: the API's figure when it gives one, else the switch phase's estimate. */
export function expectedDowntime(estimate: Estimate): number {
  return estimate.expectedDowntimeSeconds ?? estimate.phases.switch ?? 0;
}

/** A client token for one confirmation (the API's `[A-Za-z0-9._:-]{1,64}`). */
export function newClientToken(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return `console-${random}`;
}
