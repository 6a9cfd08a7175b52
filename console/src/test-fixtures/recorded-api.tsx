// Pages under test talk to a client whose fetch answers with responses recorded from `sqlup serve`
// (test-fixtures/*.json, captured with curl from the real API), so the tests read real payloads.
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { SqlupClient } from '../api/client';
import { ApiProvider } from '../pages/commons/api-context';

export interface Recorded {
  status: number;
  body: unknown;
}

export type Handler = Recorded | ((init: RequestInit | undefined) => Recorded);

export interface Call {
  method: string;
  path: string;
  body?: unknown;
}

export function recordedClient(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const method = init?.method ?? 'GET';
    calls.push({ method, path, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const handler = routes[`${method} ${path}`];
    if (!handler) return new Response(JSON.stringify({ message: 'Missing Authentication Token' }), { status: 403 });
    const r = typeof handler === 'function' ? handler(init) : handler;
    return new Response(JSON.stringify(r.body), { status: r.status, headers: { 'Content-Type': 'application/json' } });
  };
  return { client: new SqlupClient({ fetch: fetchImpl as typeof fetch }), calls };
}

export const ok = (body: unknown): Recorded => ({ status: 200, body });

/** Renders `element` at `url` under `pattern`, with the recorded client. */
export function renderPage(
  element: ReactElement,
  { url, pattern, client }: { url: string; pattern: string; client: SqlupClient },
) {
  return render(
    <ApiProvider value={client}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path={pattern} element={element} />
          <Route path="*" element={<div>navigated away</div>} />
        </Routes>
      </MemoryRouter>
    </ApiProvider>,
  );
}
