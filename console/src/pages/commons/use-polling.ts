import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';

export interface PollingOptions {
  /** Wait between successful polls; 0 loads once. */
  intervalMs?: number;
  /** Longest wait after repeated failures (the wait doubles per failure). */
  maxIntervalMs?: number;
  /** Stop polling (e.g. the task ended); the last data stays. */
  stopWhen?: (data: unknown) => boolean;
}

export interface Polled<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
  /** The last attempt got no answer: the page says "API unreachable" and keeps retrying. */
  unreachable: boolean;
  /** When the next attempt is due after a failure (ms since epoch), for the message. */
  retryAt?: number;
  refresh: () => void;
}

/** Next wait after `failures` failures in a row: interval × 2^failures, capped. */
export function backoffDelay(intervalMs: number, maxIntervalMs: number, failures: number): number {
  if (failures <= 0) return intervalMs;
  return Math.min(maxIntervalMs, Math.max(intervalMs, 1000) * 2 ** failures);
}

/**
 * Loads `load()` now and again every `intervalMs` while the page is open; after a failure waits longer
 * (doubling up to `maxIntervalMs`) and reports whether the API was reachable at all.
 */
export function usePolling<T>(load: () => Promise<T>, deps: unknown[], options: PollingOptions = {}): Polled<T> {
  const { intervalMs = 2000, maxIntervalMs = 30000 } = options;
  const [state, setState] = useState<Omit<Polled<T>, 'refresh'>>({ loading: true, unreachable: false });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const failures = useRef(0);
  const generation = useRef(0);
  const stopWhen = useRef(options.stopWhen);
  stopWhen.current = options.stopWhen;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const loadFn = useCallback(load, deps);

  const run = useCallback(() => {
    const mine = ++generation.current;
    clearTimeout(timer.current);
    loadFn().then(
      (data) => {
        if (mine !== generation.current) return;
        failures.current = 0;
        setState({ data, loading: false, unreachable: false });
        const stop = stopWhen.current?.(data) ?? false;
        if (intervalMs > 0 && !stop) timer.current = setTimeout(run, intervalMs);
      },
      (e: unknown) => {
        if (mine !== generation.current) return;
        const error = e instanceof ApiError ? e : new ApiError(0, 'Unreachable', String(e));
        failures.current += 1;
        const wait = backoffDelay(intervalMs, maxIntervalMs, failures.current);
        // A 4xx is an answer (not found, refused): it will not change by retrying, so stop.
        const retry = error.unreachable || error.status >= 500;
        setState((s) => ({
          data: s.data,
          error,
          loading: false,
          unreachable: error.unreachable,
          retryAt: retry ? Date.now() + wait : undefined,
        }));
        if (retry) timer.current = setTimeout(run, wait);
      },
    );
  }, [loadFn, intervalMs, maxIntervalMs]);

  useEffect(() => {
    setState({ loading: true, unreachable: false });
    failures.current = 0;
    run();
    return () => {
      generation.current++;
      clearTimeout(timer.current);
    };
  }, [run]);

  return { ...state, refresh: run };
}
