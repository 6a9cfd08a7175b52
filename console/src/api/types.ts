// Request and response types of the sqlup REST API (docs/api.md, docs/campaigns.md), written once for
// every page, checked against responses recorded from `sqlup serve` (src/test-fixtures/*.json).

export type EngineVersion = '2012' | '2014' | '2016' | '2017' | '2019' | '2022' | string;
export type SqlEdition = 'Web' | 'Standard' | 'Enterprise' | string;
export type RdsEdition = 'Basic' | 'HighAvailability' | 'Cluster' | string;

export interface Spec {
  engineVersion: EngineVersion;
  sqlEdition: SqlEdition;
  rdsEdition: RdsEdition;
  instanceType: string;
}

export interface SimulatedDatabase {
  name: string;
  sizeGb?: number;
  recoveryModel?: string;
}

/** One database of the discovered inventory (dev.sqlup.domain.SourceInventory); null fields are left out. */
export interface InventoryDatabase {
  name: string;
  dataBytes?: number;
  logBytes?: number;
  recoveryModel?: string;
  state?: string;
  compatibilityLevel?: number;
  encrypted?: boolean;
  tdeCertificate?: string;
  tdeCertificateBackedUp?: boolean;
  containment?: string;
  published?: boolean;
  cdcEnabled?: boolean;
  logReuseWait?: string;
  oldestOpenTransactionSeconds?: number;
  availabilityGroup?: string;
  lastFullBackup?: { finishedAt?: string; sizeBytes?: number; copyOnly?: boolean; filePresent?: boolean };
}

export interface InventoryServer {
  productVersion?: string;
  productLevel?: string;
  productUpdateLevel?: string;
  edition?: string;
  engineEdition?: number;
  cpuCount?: number;
  physicalMemoryBytes?: number;
  collation?: string;
  hadrEnabled?: boolean;
  availabilityGroupRole?: string;
  windowsAuthenticationOnly?: boolean;
  freeDiskBytes?: Record<string, number>;
  loginCount?: number;
  agentJobCount?: number;
}

/** The latest discovery of the source (`inventory` of `GET /instances/{id}`). */
export interface Inventory {
  discoveredAt: string;
  /** It describes the simulated fleet's model, not a server. */
  simulated?: boolean;
  server?: InventoryServer;
  databases?: InventoryDatabase[];
  logRate?: { bytesPerHour?: number; method?: string };
}

/** `POST /instances/{id}/discover`. */
export interface DiscoverResult {
  instanceId: string;
  binding: string;
  simulated: boolean;
  inventory: Inventory;
}

export interface Instance extends Spec {
  instanceId: string;
  dataSizeGb: number;
  maintenanceWindow: string;
  endpoint: string;
  networkType?: string;
  adDomainJoined?: boolean;
  serverless?: boolean;
  readOnly?: boolean;
  readOnlyReplicaIds?: string[];
  vip?: string;
  port?: number;
  tags?: Record<string, string>;
  engine?: { binding: 'simulated' | 'sqlserver' | string; host?: string; secretArn?: string };
  simulation?: { databases?: SimulatedDatabase[]; lastFullBackupAt?: string; logGbPerHour?: number };
  replicationTasks?: { id: string; status: string; active?: boolean }[];
  status: string;
  activeTaskId?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  inventory?: Inventory;
}

export interface InstanceType {
  name: string;
  cpuCores: number;
  memoryGib: number;
  maxConnections: number;
  maxIops: number;
}

export interface EditionOption {
  sqlEdition: SqlEdition;
  rdsEdition: RdsEdition;
  instanceTypes: InstanceType[];
}

export interface Blocker {
  code: string;
  message: string;
  kind: 'LIMITATION' | 'STATE' | 'IN_PROGRESS' | string;
  activeTaskId?: string;
}

export interface UpgradeOptions {
  instanceId: string;
  current: Spec;
  upgradable: boolean;
  blockers: Blocker[];
  targets: { engineVersion: EngineVersion; editions: EditionOption[] }[];
}

export interface Speeds {
  backupGbPerHour: number;
  restoreGbPerHour: number;
  logGbPerHour: number;
  source: string;
  samples: number;
}

export interface Estimate {
  phases: Record<string, number>;
  totalSeconds: number;
  fullBackupSkipped: boolean;
  dataSizeGb: number;
  logGb: number;
  speeds: Speeds;
  expectedDowntimeSeconds?: number;
}

export type SwitchTime = 'Immediate' | 'MaintenanceWindow' | 'ScheduledTime' | 'OnApproval';

/** Overrides of the cutover guards (docs/api.md "Cutover guards"); missing fields take the defaults. */
export interface CutoverGuards {
  maxOpenTransactionMinutes?: number;
  maxLogLagMb?: number;
  maxDowntimeSeconds?: number;
  recheckSeconds?: number;
}

/** The switch setting of a submission or of `PATCH /tasks/{taskId}`. */
export interface SwitchSetting {
  switchTime?: SwitchTime | string;
  /** ISO-8601 UTC; only with ScheduledTime. */
  switchAt?: string;
  cutoverGuards?: CutoverGuards;
}

export interface UpgradeRequest extends Spec, SwitchSetting {
  dryRun?: boolean;
  clientToken?: string;
  acceleratedDatabaseRecovery?: boolean;
}

export interface Precheck {
  name: string;
  result: 'PASSED' | 'FAILED' | 'WARNING' | string;
  code?: string;
  message?: string;
  databases?: string[];
  remedy?: string;
}

export interface DryRunResult {
  dryRun: true;
  upgradable: boolean;
  prechecks: Precheck[];
  source: Spec;
  target: Spec;
  estimate: Estimate;
  expectedDowntimeSeconds?: number;
}

export interface SubmitResult {
  taskId: string;
  instanceId: string;
  status: string;
  estimate: Estimate;
  warnings: string[];
}

export type TaskStatus =
  | 'Pending'
  | 'Running'
  | 'WaitingForSwitchWindow'
  | 'WaitingForApproval'
  | 'WaitingForCutoverGuard'
  | 'Switching'
  | 'Succeeded'
  | 'Failed'
  | string;

export interface TaskStep {
  name: string;
  status: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Skipped' | string;
  startedAt?: string;
  endedAt?: string;
  detail?: string;
}

/** What a task accepts now (the task's `actions`, docs/api.md); the API never lists `cancel`. */
export type TaskAction = 'cancel' | 'switchNow' | 'reschedule' | 'approve' | string;

export interface SwitchChange {
  at: string;
  by: string;
  action: 'SwitchNow' | 'Reschedule' | 'GuardsChanged' | 'RolledToNextWindow' | string;
  from?: string;
  to?: string;
}

export interface GuardHold {
  guard: string;
  reason?: string;
  value?: number;
  limit?: number;
  unit?: string;
  since: string;
  /** Absent while it holds. */
  until?: string;
}

export interface Cutover {
  switchAt?: string;
  guards?: CutoverGuards;
  history?: SwitchChange[];
  holds?: GuardHold[];
}

export interface Task {
  taskId: string;
  instanceId: string;
  status: TaskStatus;
  currentStep?: string;
  progress?: number;
  remainingSeconds?: number;
  estimate?: Estimate;
  steps?: TaskStep[];
  source?: Spec;
  target?: Spec;
  switchTime?: string;
  acceleratedDatabaseRecovery?: boolean;
  createdAt: string;
  updatedAt: string;
  clientToken?: string;
  failureReason?: string;
  downtimeSeconds?: number;
  stoppedReplicationTasks?: string[];
  warnings?: string[];
  version?: number;
  actions?: TaskAction[];
  cutover?: Cutover;
  /** The engine clock's time of this view (the virtual clock locally). */
  asOf?: string;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** Local runtime only (`sqlup serve`): the state machine and one execution's path. */
export interface StateMachineDefinition {
  logicalId: string;
  name: string;
  stateMachineArn: string;
  definition: AslDefinition;
}

export interface AslState {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: { Next: string }[];
  Catch?: { Next: string }[];
  Branches?: AslDefinition[];
  [key: string]: unknown;
}

export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  Comment?: string;
}

export interface ExecutionPath {
  executionArn: string;
  status: string;
  startDate: string;
  stopDate?: string;
  currentState?: string;
  states: { name: string; enteredAt: string; exitedAt?: string; status: 'Running' | 'Succeeded' | 'Failed' | string }[];
  transitions: [string, string][];
}

// Campaigns (docs/campaigns.md).

export type CampaignStatus = 'Running' | 'Paused' | 'WaitingForApproval' | 'Halted' | 'Succeeded' | string;
export type CampaignAction = 'pause' | 'resume' | 'approve' | 'halt';

export interface CampaignCounts {
  total: number;
  planned: number;
  running: number;
  succeeded: number;
  failed: number;
  skipped: number;
  notStarted: number;
}

export interface CampaignWaveRequest {
  name?: string;
  /** A count or a percentage ("10%"); the last wave may leave it out (the rest). */
  size?: number | string;
  maxConcurrency: number;
  toleratedFailures?: number | string;
  bakeSeconds?: number;
  approvalRequired?: boolean;
}

export interface CampaignRequest {
  name: string;
  selection: { instanceIds?: string[]; tags?: Record<string, string>; engineVersion?: string };
  target: { engineVersion: string; sqlEdition?: string; rdsEdition?: string; instanceTypes?: Record<string, string> };
  waves: CampaignWaveRequest[];
  switchPolicy?: 'OwnMaintenanceWindow' | 'Immediate';
  dryRun?: boolean;
  clientToken?: string;
}

export interface PlannedWave {
  index: number;
  name: string;
  size: number;
  maxConcurrency: number;
  toleratedFailures: string;
  bakeSeconds: number;
  approvalRequired: boolean;
  plannedStart: string;
  plannedEnd: string;
  instanceIds: string[];
}

export interface PlannedInstance {
  instanceId: string;
  wave?: number | null;
  upgradable: boolean;
  source: Spec;
  target?: Spec;
  prechecks: Precheck[];
  estimate?: Estimate;
  plannedStart?: string;
  switchAt?: string;
  plannedEnd?: string;
  switchWindow?: { start: string; end: string };
}

export interface CampaignPlan {
  dryRun: true;
  selected: number;
  upgradable: number;
  refused: number;
  missingIds: string[];
  expectedEnd?: string;
  waves: PlannedWave[];
  instances: PlannedInstance[];
}

export interface CampaignSummary {
  campaignId: string;
  name: string;
  status: CampaignStatus;
  currentWave: number;
  waveCount: number;
  counts: CampaignCounts;
  approvalPending: boolean;
  haltReason?: string;
  createdAt: string;
  updatedAt: string;
  endedAt?: string;
  expectedEnd?: string;
  refused?: number;
}

export interface CampaignWave {
  index: number;
  name: string;
  status: 'Pending' | 'Running' | 'Completed' | 'BudgetExceeded' | 'NotStarted' | string;
  size: number;
  maxConcurrency: number;
  toleratedFailures: string;
  bakeSeconds: number;
  approvalRequired: boolean;
  startedAt?: string;
  endedAt?: string;
  counts: CampaignCounts;
}

export interface CampaignMember {
  instanceId: string;
  wave?: number | null;
  status: 'Planned' | 'Running' | 'Succeeded' | 'Failed' | 'Refused' | 'Skipped' | 'NotStarted' | string;
  taskId?: string;
  reason?: string;
  plannedSwitchWindowStart?: string;
  taskStatus?: string;
  currentStep?: string;
  progress?: number;
  remainingSeconds?: number;
}

export interface Campaign extends CampaignSummary {
  switchPolicy: string;
  selection: CampaignRequest['selection'];
  target: CampaignRequest['target'];
  waves: CampaignWave[];
  instances: CampaignMember[];
  eta?: string;
}
