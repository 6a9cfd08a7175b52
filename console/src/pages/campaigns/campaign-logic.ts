// Campaign rules the pages share, apart from rendering (docs/campaigns.md): which actions a status allows,
// and the create request a wizard's form makes.
import type { Campaign, CampaignAction, CampaignRequest, CampaignSummary, CampaignWaveRequest } from '../../api/types';

export function isFinalCampaign(status: string | undefined): boolean {
  return status === 'Halted' || status === 'Succeeded';
}

export interface CampaignActionSpec {
  id: CampaignAction;
  label: string;
  confirmation: string;
}

export const CAMPAIGN_ACTIONS: CampaignActionSpec[] = [
  {
    id: 'approve',
    label: 'Approve next wave',
    confirmation: 'Approve the next wave? Its upgrades start as its limits allow (a paused campaign stays paused).',
  },
  { id: 'pause', label: 'Pause', confirmation: 'Pause the campaign? No new upgrade starts; running upgrades go on.' },
  { id: 'resume', label: 'Resume', confirmation: 'Resume the campaign? New upgrades start again.' },
  {
    id: 'halt',
    label: 'Halt',
    confirmation: 'Halt the campaign for good? Nothing new starts; running upgrades finish; a pending approval ends.',
  },
];

/** docs/campaigns.md's table: what each action needs. The API re-checks in one conditional write. */
export function allowedCampaignActions(c: Pick<CampaignSummary, 'status' | 'approvalPending'>): CampaignAction[] {
  const out: CampaignAction[] = [];
  const s = c.status;
  if (c.approvalPending && (s === 'Running' || s === 'WaitingForApproval' || s === 'Paused')) out.push('approve');
  if (s === 'Running' || s === 'WaitingForApproval') out.push('pause');
  if (s === 'Paused') out.push('resume');
  if (s === 'Running' || s === 'Paused' || s === 'WaitingForApproval') out.push('halt');
  return out;
}

/** "2 of 3 succeeded, 0 failed". */
export function countsText(c: CampaignSummary | Campaign): string {
  const n = c.counts;
  const extra = [
    n.running ? `${n.running} running` : '',
    n.skipped ? `${n.skipped} skipped` : '',
    n.notStarted ? `${n.notStarted} not started` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${n.succeeded} of ${n.total} succeeded, ${n.failed} failed${extra ? `, ${extra}` : ''}`;
}

/** One wave as the wizard edits it (text, as typed). */
export interface WaveForm {
  name: string;
  size: string;
  maxConcurrency: string;
  toleratedFailures: string;
  bakeSeconds: string;
  approvalRequired: boolean;
}

export interface CampaignForm {
  name: string;
  instanceIds: string[];
  tags: string;
  engineVersion: string;
  targetVersion: string;
  switchPolicy: 'OwnMaintenanceWindow' | 'Immediate';
  waves: WaveForm[];
}

export const DEFAULT_WAVES: WaveForm[] = [
  { name: 'canary', size: '1', maxConcurrency: '1', toleratedFailures: '0', bakeSeconds: '0', approvalRequired: true },
  { name: 'rest', size: '', maxConcurrency: '10', toleratedFailures: '0', bakeSeconds: '0', approvalRequired: false },
];

export const EMPTY_CAMPAIGN_FORM: CampaignForm = {
  name: '',
  instanceIds: [],
  tags: '',
  engineVersion: '',
  targetVersion: '2022',
  switchPolicy: 'OwnMaintenanceWindow',
  waves: DEFAULT_WAVES,
};

const COUNT_OR_PERCENT = /^(\d+|\d+(\.\d+)?%)$/;

/** Problems per field ("waves.1.size" style keys); empty when the form makes a request. */
export function campaignFormErrors(f: CampaignForm): Record<string, string> {
  const e: Record<string, string> = {};
  if (!/^[A-Za-z0-9._ -]{1,64}$/.test(f.name.trim()))
    e.name = 'A name of 1 to 64 letters, digits, spaces, dots, dashes or underscores';
  if (f.instanceIds.length === 0 && !f.tags.trim() && !f.engineVersion)
    e.selection = 'Select instances, tags or an engine version';
  if (f.tags.trim() && parseTags(f.tags) === undefined) e.tags = 'key=value pairs separated by commas';
  if (!f.targetVersion) e.targetVersion = 'Choose the target version';
  if (f.waves.length === 0) e.waves = 'At least one wave';
  f.waves.forEach((w, i) => {
    const last = i === f.waves.length - 1;
    if (!(last && w.size.trim() === '') && !COUNT_OR_PERCENT.test(w.size.trim()))
      e[`waves.${i}.size`] = last ? 'A count, a percentage, or empty for the rest' : 'A count or a percentage ("10%")';
    if (!/^\d+$/.test(w.maxConcurrency.trim()) || Number(w.maxConcurrency) < 1 || Number(w.maxConcurrency) > 1000)
      e[`waves.${i}.maxConcurrency`] = 'From 1 to 1,000';
    if (w.toleratedFailures.trim() !== '' && !COUNT_OR_PERCENT.test(w.toleratedFailures.trim()))
      e[`waves.${i}.toleratedFailures`] = 'A count or a percentage';
    if (w.bakeSeconds.trim() !== '' && (!/^\d+$/.test(w.bakeSeconds.trim()) || Number(w.bakeSeconds) > 604800))
      e[`waves.${i}.bakeSeconds`] = 'Seconds, at most 7 days (604,800)';
  });
  return e;
}

export function parseTags(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([^=]+)=(.*)$/.exec(part);
    if (!m || !m[1].trim()) return undefined;
    out[m[1].trim()] = m[2].trim();
  }
  return out;
}

const countOrPercent = (t: string): number | string => (t.endsWith('%') ? t : Number(t));

/** The `POST /campaigns` body (without dryRun and clientToken), or undefined while the form has an error. */
export function toCampaignRequest(f: CampaignForm): CampaignRequest | undefined {
  if (Object.keys(campaignFormErrors(f)).length > 0) return undefined;
  const selection: CampaignRequest['selection'] = {};
  if (f.instanceIds.length) selection.instanceIds = f.instanceIds;
  const tags = f.tags.trim() ? parseTags(f.tags) : undefined;
  if (tags && Object.keys(tags).length) selection.tags = tags;
  if (f.engineVersion) selection.engineVersion = f.engineVersion;
  const waves = f.waves.map((w, i) => {
    const wave: CampaignWaveRequest = {
      name: w.name.trim() || `wave-${i + 1}`,
      maxConcurrency: Number(w.maxConcurrency),
    };
    if (w.size.trim() !== '') wave.size = countOrPercent(w.size.trim());
    if (w.toleratedFailures.trim() !== '') wave.toleratedFailures = countOrPercent(w.toleratedFailures.trim());
    if (w.bakeSeconds.trim() !== '') wave.bakeSeconds = Number(w.bakeSeconds);
    if (w.approvalRequired) wave.approvalRequired = true;
    return wave;
  });
  return {
    name: f.name.trim(),
    selection,
    target: { engineVersion: f.targetVersion },
    waves,
    switchPolicy: f.switchPolicy,
  };
}
