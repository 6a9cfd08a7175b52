// The deployed mode's own logic. Cognito and API Gateway are AWS-only services: their answers here are
// stubs shaped as the services document them (GetId, GetCredentialsForIdentity, /oauth2/token).
import { describe, expect, it } from 'vitest';
import {
  authorizeUrl,
  credentialsFor,
  DeployedConfig,
  exchangeCode,
  isDeployed,
  signingFetch,
  tokenExpiry,
} from './deployed';
import { SqlupClient } from './client';

const config: DeployedConfig = {
  region: 'eu-west-1',
  apiUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/Prod',
  userPoolId: 'eu-west-1_AbCdEf',
  userPoolClientId: 'client123',
  identityPoolId: 'eu-west-1:1111-2222',
  cognitoDomain: 'sqlup-123.auth.eu-west-1.amazoncognito.com',
};

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
    key: (i) => [...m.keys()][i] ?? null,
    get length() {
      return m.size;
    },
  };
}

describe('deployed console', () => {
  it('knows a deployed config from the local `{}`', () => {
    expect(isDeployed({})).toBe(false);
    expect(isDeployed(config)).toBe(true);
  });

  it('signs each API request for the API stage (SigV4, execute-api) and sends it to the same path on its own origin', async () => {
    const sent: { url: string; headers: Headers; method?: string; body?: unknown }[] = [];
    const base = (async (url: RequestInfo | URL, init?: RequestInit) => {
      sent.push({ url: String(url), headers: new Headers(init?.headers), method: init?.method, body: init?.body });
      return new Response(JSON.stringify({ instances: [] }), { status: 200 });
    }) as typeof fetch;
    const creds = async () => ({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'session',
      expiration: Date.now() + 3600_000,
    });
    const client = new SqlupClient({ fetch: signingFetch(config, creds, base) });
    await client.listInstances();
    await client.submitUpgrade('rm-1', {
      engineVersion: '2022',
      sqlEdition: 'Standard',
      rdsEdition: 'HighAvailability',
      instanceType: 'mssql.x4.large',
      clientToken: 't',
    });
    expect(sent[0].url).toBe('/instances');
    const auth = sent[0].headers.get('authorization')!;
    expect(auth).toMatch(
      /^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/,
    );
    expect(auth).toContain('host');
    expect(sent[0].headers.get('x-amz-security-token')).toBe('session');
    expect(sent[0].headers.get('x-amz-date')).toMatch(/^\d{8}T\d{6}Z$/);
    expect(sent[0].headers.has('host')).toBe(false);
    expect(sent[1]).toMatchObject({ url: '/instances/rm-1/upgrades', method: 'POST' });
    expect(JSON.parse(String(sent[1].body)).clientToken).toBe('t');
  });

  it('sends users to the hosted UI with a PKCE challenge and trades the code back with its verifier', async () => {
    const storage = memoryStorage();
    const url = new URL(await authorizeUrl(config, 'https://d111.cloudfront.net/console/', storage));
    expect(url.origin).toBe('https://sqlup-123.auth.eu-west-1.amazoncognito.com');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('client_id')).toBe('client123');
    const verifier = storage.getItem('sqlup.pkce.verifier')!;
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    expect(url.searchParams.get('code_challenge')).toBe(
      btoa(String.fromCharCode(...digest))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, ''),
    );

    let form: URLSearchParams | undefined;
    const token = await exchangeCode(config, 'the-code', 'https://d111.cloudfront.net/console/', storage, (async (
      _u: RequestInfo | URL,
      init?: RequestInit,
    ) => {
      form = new URLSearchParams(String(init?.body));
      return new Response(JSON.stringify({ id_token: 'a.b.c' }), { status: 200 });
    }) as typeof fetch);
    expect(token).toBe('a.b.c');
    expect(form?.get('code_verifier')).toBe(verifier);
    expect(form?.get('grant_type')).toBe('authorization_code');
  });

  it('gets credentials from the identity pool with the user pool login', async () => {
    const targets: string[] = [];
    const base = (async (_u: RequestInfo | URL, init?: RequestInit) => {
      const target = new Headers(init?.headers).get('X-Amz-Target')!;
      targets.push(target);
      const body = JSON.parse(String(init?.body));
      expect(body.Logins).toEqual({ 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf': 'id-token' });
      return new Response(
        JSON.stringify(
          target.endsWith('GetId')
            ? { IdentityId: 'eu-west-1:abc' }
            : { Credentials: { AccessKeyId: 'ASIA1', SecretKey: 's', SessionToken: 't', Expiration: 1900000000 } },
        ),
        { status: 200 },
      );
    }) as typeof fetch;
    expect(await credentialsFor(config, 'id-token', base)).toEqual({
      accessKeyId: 'ASIA1',
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: 1900000000000,
    });
    expect(targets).toEqual(['AWSCognitoIdentityService.GetId', 'AWSCognitoIdentityService.GetCredentialsForIdentity']);
  });

  it("reads the ID token's expiry", () => {
    const payload = btoa(JSON.stringify({ exp: 1900000000 })).replace(/=+$/, '');
    expect(tokenExpiry(`h.${payload}.s`)).toBe(1900000000000);
    expect(tokenExpiry('garbage')).toBe(0);
  });
});
