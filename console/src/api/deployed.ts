// The console on a deployed stack (template.yaml, ConsoleHosting=true): users sign in with the Cognito user
// pool (hosted UI, authorization code + PKCE), the identity pool turns the ID token into temporary
// credentials allowed only execute-api:Invoke, and every API request is SigV4-signed for the API's own
// host. The request itself goes to the console's origin: CloudFront forwards it, Host rewritten to the
// API and the stage prefixed, so the signature matches what API Gateway checks and no CORS is involved.
import { AwsClient } from 'aws4fetch';

/** console/config.json: `{}` under `sqlup serve` (same origin, unsigned); the stack's ConsoleConfig output when deployed. */
export interface DeployedConfig {
  region: string;
  /** The stage URL, e.g. https://abc.execute-api.eu-west-1.amazonaws.com/Prod */
  apiUrl: string;
  userPoolId: string;
  userPoolClientId: string;
  identityPoolId: string;
  cognitoDomain: string;
}

export function isDeployed(config: Partial<DeployedConfig>): config is DeployedConfig {
  return Boolean(
    config.apiUrl &&
    config.region &&
    config.userPoolId &&
    config.userPoolClientId &&
    config.identityPoolId &&
    config.cognitoDomain,
  );
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: number;
}

type Fetch = typeof fetch;

/**
 * A fetch for the API client: signs `path` as a request to the API stage, sends it to the same path on
 * this origin. `credentials()` is called for each request (it caches and refreshes).
 */
export function signingFetch(
  config: DeployedConfig,
  credentials: () => Promise<Credentials>,
  base: Fetch = fetch,
): Fetch {
  return async (input, init) => {
    const path = String(input);
    const creds = await credentials();
    const aws = new AwsClient({
      accessKeyId: creds.accessKeyId,
      secretAccessKey: creds.secretAccessKey,
      sessionToken: creds.sessionToken,
      service: 'execute-api',
      region: config.region,
    });
    const signed = await aws.sign(config.apiUrl.replace(/\/$/, '') + path, {
      method: init?.method ?? 'GET',
      headers: init?.headers,
      body: init?.body,
    });
    const headers = new Headers();
    signed.headers.forEach((value, name) => {
      if (name !== 'host') headers.set(name, value);
    });
    return base(path, { method: init?.method ?? 'GET', headers, body: init?.body });
  };
}

const VERIFIER = 'sqlup.pkce.verifier';
const TOKEN = 'sqlup.id-token';

function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = '';
  b.forEach((x) => (s += String.fromCharCode(x)));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The hosted UI's sign-in URL with a fresh PKCE challenge (its verifier kept for the redirect back). */
export async function authorizeUrl(
  config: DeployedConfig,
  redirectUri: string,
  storage: Storage = sessionStorage,
): Promise<string> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  storage.setItem(VERIFIER, verifier);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: config.userPoolClientId,
    redirect_uri: redirectUri,
    scope: 'openid email',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `https://${config.cognitoDomain}/oauth2/authorize?${q}`;
}

/** Trades the authorization code of the redirect for an ID token (kept for this browser tab). */
export async function exchangeCode(
  config: DeployedConfig,
  code: string,
  redirectUri: string,
  storage: Storage = sessionStorage,
  base: Fetch = fetch,
): Promise<string> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: config.userPoolClientId,
    code,
    redirect_uri: redirectUri,
    code_verifier: storage.getItem(VERIFIER) ?? '',
  });
  const r = await base(`https://${config.cognitoDomain}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
  if (!r.ok) throw new Error(`sign-in failed: ${r.status} ${await r.text()}`);
  const token = ((await r.json()) as { id_token: string }).id_token;
  storage.removeItem(VERIFIER);
  storage.setItem(TOKEN, token);
  return token;
}

/** The ID token's expiry (ms), or 0 when it cannot be read. */
export function tokenExpiry(idToken: string): number {
  try {
    const payload = JSON.parse(atob(idToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return (payload.exp ?? 0) * 1000;
  } catch {
    return 0;
  }
}

async function identityCall<T>(config: DeployedConfig, target: string, body: unknown, base: Fetch): Promise<T> {
  const r = await base(`https://cognito-identity.${config.region}.amazonaws.com/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityService.${target}` },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`Cognito ${target}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/** Temporary AWS credentials for the signed-in user (identity pool, authenticated role). */
export async function credentialsFor(
  config: DeployedConfig,
  idToken: string,
  base: Fetch = fetch,
): Promise<Credentials> {
  const logins = { [`cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`]: idToken };
  const { IdentityId } = await identityCall<{ IdentityId: string }>(
    config,
    'GetId',
    { IdentityPoolId: config.identityPoolId, Logins: logins },
    base,
  );
  const { Credentials: c } = await identityCall<{
    Credentials: { AccessKeyId: string; SecretKey: string; SessionToken: string; Expiration: number };
  }>(config, 'GetCredentialsForIdentity', { IdentityId, Logins: logins }, base);
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretKey,
    sessionToken: c.SessionToken,
    expiration: c.Expiration * 1000,
  };
}

/**
 * Signs in when needed (redirects to the hosted UI and never resolves then) and returns the fetch the
 * API client uses, refreshing credentials a minute before they expire.
 */
export async function deployedFetch(config: DeployedConfig): Promise<Fetch> {
  const redirectUri = `${window.location.origin}/console/`;
  const params = new URLSearchParams(window.location.search);
  let idToken = sessionStorage.getItem(TOKEN);
  if (params.get('code')) {
    idToken = await exchangeCode(config, params.get('code')!, redirectUri);
    window.history.replaceState(null, '', redirectUri);
  }
  if (!idToken || tokenExpiry(idToken) < Date.now() + 60_000) {
    sessionStorage.removeItem(TOKEN);
    window.location.assign(await authorizeUrl(config, redirectUri));
    return new Promise<Fetch>(() => {});
  }
  let cached: Credentials | undefined;
  const token = idToken;
  return signingFetch(config, async () => {
    if (!cached || cached.expiration < Date.now() + 60_000) cached = await credentialsFor(config, token);
    return cached;
  });
}
