import campaignActionPaused from './campaign-action-paused.json';
import campaignActionRefused from './campaign-action-refused.json';
import campaignCreated from './campaign-created.json';
import campaignPlan from './campaign-plan.json';
import campaignSucceeded from './campaign-succeeded.json';
import campaignWaitingApproval from './campaign-waiting-approval.json';
import campaigns from './campaigns.json';
import discoverGuide from './discover-guide.json';
import dryRunAdJoined from './dry-run-ad-joined.json';
import dryRunGuide from './dry-run-guide.json';
import executionPath from './execution-path.json';
import instanceAdJoined from './instance-ad-joined.json';
import instanceGuide from './instance-guide.json';
import instances from './instances.json';
import optionsAdJoined from './options-ad-joined.json';
import optionsGuide from './options-guide.json';
import stateMachine from './state-machine.json';
import patchUnreachable from './patch-unreachable.json';
import submitGuide from './submit-guide.json';
import switchoverApproved from './switchover-approved.json';
import taskApprovedSucceeded from './task-approved-succeeded.json';
import taskRescheduled from './task-rescheduled.json';
import taskWaitingApproval from './task-waiting-approval.json';
import taskNotFound from './task-not-found.json';
import taskSucceeded from './task-succeeded.json';
import tasksGuide from './tasks-guide.json';
import type {
  Campaign,
  CampaignPlan,
  CampaignSummary,
  DiscoverResult,
  DryRunResult,
  ExecutionPath,
  Instance,
  StateMachineDefinition,
  Task,
  UpgradeOptions,
} from '../api/types';

export const fixtures = {
  campaignActionPaused: campaignActionPaused as CampaignSummary,
  campaignActionRefused,
  campaignCreated: campaignCreated as CampaignSummary,
  campaignPlan: campaignPlan as CampaignPlan,
  campaignSucceeded: campaignSucceeded as unknown as Campaign,
  campaignWaitingApproval: campaignWaitingApproval as unknown as Campaign,
  campaigns: campaigns as { campaigns: CampaignSummary[] },
  discoverGuide: discoverGuide as DiscoverResult,
  dryRunAdJoined: dryRunAdJoined as DryRunResult,
  dryRunGuide: dryRunGuide as DryRunResult,
  executionPath: executionPath as unknown as ExecutionPath,
  instanceAdJoined: instanceAdJoined as Instance,
  instanceGuide: instanceGuide as Instance,
  instances: instances as { instances: Instance[] },
  optionsAdJoined: optionsAdJoined as UpgradeOptions,
  optionsGuide: optionsGuide as UpgradeOptions,
  stateMachine: stateMachine as unknown as StateMachineDefinition,
  patchUnreachable,
  submitGuide,
  switchoverApproved: switchoverApproved as Task,
  taskApprovedSucceeded: taskApprovedSucceeded as Task,
  taskRescheduled: taskRescheduled as Task,
  taskWaitingApproval: taskWaitingApproval as Task,
  taskNotFound,
  taskSucceeded: taskSucceeded as Task,
  tasksGuide: tasksGuide as { tasks: Task[] },
};
