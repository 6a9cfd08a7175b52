import '@cloudscape-design/global-styles/index.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { SqlupClient } from './api/client';
import { App } from './app';
import { ApiProvider } from './pages/commons/api-context';
import { BASENAME } from './pages/commons/base';

/**
 * config.json is `{}` under `sqlup serve` (the API on this origin, unsigned); a deployed stack's has the
 * Cognito and API settings, and requests are then signed (the signing code loads only there).
 */
async function client(): Promise<SqlupClient> {
  const response = await fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' }).catch(() => undefined);
  const config = response?.ok ? ((await response.json()) as Record<string, string>) : {};
  if (!config.apiUrl) return new SqlupClient();
  const deployed = await import('./api/deployed');
  if (!deployed.isDeployed(config)) throw new Error('console/config.json has apiUrl but not the Cognito settings');
  return new SqlupClient({ fetch: await deployed.deployedFetch(config) });
}

client().then((api) =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ApiProvider value={api}>
        <BrowserRouter basename={BASENAME}>
          <App />
        </BrowserRouter>
      </ApiProvider>
    </StrictMode>,
  ),
);
