import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { LoadProblem } from './api-unreachable';
import { backoffDelay, usePolling } from './use-polling';

describe('backoffDelay', () => {
  it('doubles per failure from the interval up to the cap', () => {
    expect(backoffDelay(2000, 30000, 0)).toBe(2000);
    expect(backoffDelay(2000, 30000, 1)).toBe(4000);
    expect(backoffDelay(2000, 30000, 2)).toBe(8000);
    expect(backoffDelay(2000, 30000, 5)).toBe(30000);
  });
});

function Probe({ load }: { load: () => Promise<string> }) {
  const polled = usePolling(load, [load], { intervalMs: 1000, maxIntervalMs: 8000 });
  return (
    <div>
      <LoadProblem {...polled} />
      <span>data: {polled.data ?? 'none'}</span>
    </div>
  );
}

describe('usePolling', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says the API is unreachable, backs off, and recovers when it answers', async () => {
    let calls = 0;
    const load = vi.fn(async () => {
      calls++;
      if (calls <= 2) throw new ApiError(0, 'Unreachable', 'the API at http://x did not answer');
      return `answer ${calls}`;
    });
    render(<Probe load={load} />);
    await act(async () => {});
    expect(screen.getByText('API unreachable')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
    await act(async () => vi.advanceTimersByTimeAsync(1999)); // first retry after 2 s (1 s × 2)
    expect(load).toHaveBeenCalledTimes(1);
    await act(async () => vi.advanceTimersByTimeAsync(1));
    expect(load).toHaveBeenCalledTimes(2);
    await act(async () => vi.advanceTimersByTimeAsync(4000)); // then after 4 s
    expect(load).toHaveBeenCalledTimes(3);
    expect(screen.getByText('data: answer 3')).toBeTruthy();
    expect(screen.queryByText('API unreachable')).toBeNull();
    await act(async () => vi.advanceTimersByTimeAsync(1000)); // back to the normal interval
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('stops on an error the API answered (a 404 will not change by retrying)', async () => {
    const load = vi.fn(async (): Promise<string> => {
      throw new ApiError(404, 'TaskNotFound', 'upgrade task x does not exist');
    });
    render(<Probe load={load} />);
    await act(async () => {});
    expect(screen.getByText('TaskNotFound (404)')).toBeTruthy();
    await act(async () => vi.advanceTimersByTimeAsync(60000));
    expect(load).toHaveBeenCalledTimes(1);
  });
});
