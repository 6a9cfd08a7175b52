import type { Task } from '../../api/types';

export interface TaskFilter {
  instanceId?: string;
  status?: string;
  /** Only tasks created within this many hours before `now` (undefined: any time). */
  withinHours?: number;
  text?: string;
}

export function matches(task: Task, f: TaskFilter, now: number): boolean {
  if (f.instanceId && task.instanceId !== f.instanceId) return false;
  if (f.status && task.status !== f.status) return false;
  if (f.withinHours !== undefined && now - Date.parse(task.createdAt) > f.withinHours * 3600_000) return false;
  if (f.text) {
    const hay = [task.taskId, task.instanceId, task.status, task.currentStep ?? '', task.target?.engineVersion ?? '']
      .join(' ')
      .toLowerCase();
    if (!hay.includes(f.text.toLowerCase())) return false;
  }
  return true;
}

/** Newest first across instances (the API pages each instance's tasks newest first). */
export function newestFirst(tasks: Task[]): Task[] {
  return [...tasks].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export const TIME_RANGES = [
  { value: 'any', label: 'Any time' },
  { value: '1', label: 'Last hour' },
  { value: '24', label: 'Last 24 hours' },
  { value: '168', label: 'Last 7 days' },
];
