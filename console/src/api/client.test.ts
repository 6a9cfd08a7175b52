import { describe, expect, it } from 'vitest';
import { ApiError, SqlupClient } from './client';
import { ok, recordedClient } from '../test-fixtures/recorded-api';
import { fixtures } from '../test-fixtures';

describe('SqlupClient', () => {
  it('turns an API error into an ApiError with its stable code and field', async () => {
    const { client } = recordedClient({ 'GET /tasks/nope': { status: 404, body: fixtures.taskNotFound } });
    const error = await client.getTask('nope').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('TaskNotFound');
    expect(error.status).toBe(404);
    expect(error.unreachable).toBe(false);
  });

  it('says unreachable when nothing answers', async () => {
    const client = new SqlupClient({ fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    const error = await client.listInstances().catch((e) => e);
    expect(error.code).toBe('Unreachable');
    expect(error.unreachable).toBe(true);
  });

  it("maps API Gateway's own 403 (no such route) to NotFound and a 502 to an unreachable gateway", async () => {
    const { client } = recordedClient({ 'GET /tasks/x': { status: 502, body: { message: 'Internal server error' } } });
    expect((await client.stateMachine().catch((e) => e)).code).toBe('NotFound');
    const gateway = await client.getTask('x').catch((e) => e);
    expect(gateway.code).toBe('GatewayError');
    expect(gateway.unreachable).toBe(true);
  });

  it('follows nextToken until the last page', async () => {
    const [a, b] = fixtures.instances.instances;
    const { client, calls } = recordedClient({
      'GET /instances': ok({ instances: [a], nextToken: 'p 2' }),
      'GET /instances?nextToken=p%202': ok({ instances: [b] }),
    });
    expect((await client.listInstances()).map((i) => i.instanceId)).toEqual([a.instanceId, b.instanceId]);
    expect(calls.map((c) => c.path)).toEqual(['/instances', '/instances?nextToken=p%202']);
  });

  it('sends a dry run without a token and a submission with its token and no dryRun', async () => {
    const { client, calls } = recordedClient({
      'POST /instances/rm-guide-600g/upgrades': (init) =>
        JSON.parse(String(init?.body)).dryRun ? ok(fixtures.dryRunGuide) : { status: 202, body: fixtures.submitGuide },
    });
    const target = {
      engineVersion: '2022',
      sqlEdition: 'Standard',
      rdsEdition: 'HighAvailability',
      instanceType: 'mssql.x4.large',
    };
    await client.dryRun('rm-guide-600g', { ...target, clientToken: 'x' });
    await client.submitUpgrade('rm-guide-600g', { ...target, dryRun: true, clientToken: 'tok-1' });
    expect(calls[0].body).toEqual({ ...target, dryRun: true });
    expect(calls[1].body).toEqual({ ...target, clientToken: 'tok-1' });
  });
});
