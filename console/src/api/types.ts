// Request and response types of the sqlup REST API (docs/api.md), written once for every page.
// Fields that other branches add (inventory, task actions, more switch times) are optional: the pages
// show them only when a response carries them.

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

/** Discovered inventory (`POST /instances/{id}/discover`), when the API has it. */
export interface InventoryDatabase {
  name: string;
  sizeGb?: number;
  recoveryModel?: string;
  lastFullBackupAt?: string;
}

export interface Inventory {
  discoveredAt?: string;
  databases?: InventoryDatabase[];
  [key: string]: unknown;
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
  /** The switch times the API accepts, when it lists them; else docs/api.md's. */
  switchTimes?: string[];
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

export interface UpgradeRequest extends Spec {
  switchTime?: string;
  dryRun?: boolean;
  clientToken?: string;
  acceleratedDatabaseRecovery?: boolean;
}

export interface Precheck {
  name: string;
  result: 'PASSED' | 'FAILED' | 'WARNING' | string;
  code?: string;
  message?: string;
}

export interface DryRunResult {
  dryRun: true;
  upgradable: boolean;
  prechecks: Precheck[];
  source: Spec;
  target: Spec;
  estimate: Estimate;
}

export interface SubmitResult {
  taskId: string;
  instanceId: string;
  status: string;
  estimate: Estimate;
  warnings: string[];
}

export type TaskStatus = 'Pending' | 'Running' | 'WaitingForSwitchWindow' | 'Switching' | 'Succeeded' | 'Failed' | string;

export interface TaskStep {
  name: string;
  status: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Skipped' | string;
  startedAt?: string;
  endedAt?: string;
  detail?: string;
}

/** What a task can still do, when the API says so (cutover control adds these). */
export type TaskAction = 'cancel' | 'switchNow' | 'reschedule' | 'approve' | string;

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
  switchAt?: string;
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
