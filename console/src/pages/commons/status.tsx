import StatusIndicator, { StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';

const TYPES: Record<string, StatusIndicatorProps.Type> = {
  Running: 'success',
  Succeeded: 'success',
  PASSED: 'success',
  Failed: 'error',
  FAILED: 'error',
  WARNING: 'warning',
  Pending: 'pending',
  Skipped: 'stopped',
  Stopped: 'stopped',
  Maintenance: 'warning',
  UpgradingVersion: 'in-progress',
  WaitingForSwitchWindow: 'pending',
  WaitingForApproval: 'pending',
  WaitingForCutoverGuard: 'warning',
  Switching: 'in-progress',
  // campaigns, their waves and instances
  Paused: 'stopped',
  Halted: 'error',
  Completed: 'success',
  BudgetExceeded: 'error',
  NotStarted: 'stopped',
  Planned: 'pending',
  Refused: 'error',
};

/** Instance status (Running is healthy). */
export function InstanceStatus({ status }: { status: string }) {
  return (
    <StatusIndicator type={TYPES[status] ?? 'info'} wrapText={false}>
      {status}
    </StatusIndicator>
  );
}

/** Task and step status (Running is work in progress). */
export function TaskStatus({ status }: { status: string }) {
  const type = status === 'Running' ? 'in-progress' : (TYPES[status] ?? 'info');
  return (
    <StatusIndicator type={type} wrapText={false}>
      {status}
    </StatusIndicator>
  );
}

export function isTerminal(status: string | undefined): boolean {
  return status === 'Succeeded' || status === 'Failed';
}
