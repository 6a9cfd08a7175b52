import dryRunAdJoined from './dry-run-ad-joined.json';
import dryRunGuide from './dry-run-guide.json';
import executionPath from './execution-path.json';
import instanceAdJoined from './instance-ad-joined.json';
import instanceGuide from './instance-guide.json';
import instances from './instances.json';
import optionsAdJoined from './options-ad-joined.json';
import optionsGuide from './options-guide.json';
import stateMachine from './state-machine.json';
import submitGuide from './submit-guide.json';
import taskNotFound from './task-not-found.json';
import taskSucceeded from './task-succeeded.json';
import tasksGuide from './tasks-guide.json';
import type { DryRunResult, ExecutionPath, Instance, StateMachineDefinition, Task, UpgradeOptions } from '../api/types';

export const fixtures = {
  dryRunAdJoined: dryRunAdJoined as DryRunResult,
  dryRunGuide: dryRunGuide as DryRunResult,
  executionPath: executionPath as unknown as ExecutionPath,
  instanceAdJoined: instanceAdJoined as Instance,
  instanceGuide: instanceGuide as Instance,
  instances: instances as { instances: Instance[] },
  optionsAdJoined: optionsAdJoined as UpgradeOptions,
  optionsGuide: optionsGuide as UpgradeOptions,
  stateMachine: stateMachine as unknown as StateMachineDefinition,
  submitGuide,
  taskNotFound,
  taskSucceeded: taskSucceeded as Task,
  tasksGuide: tasksGuide as { tasks: Task[] },
};
