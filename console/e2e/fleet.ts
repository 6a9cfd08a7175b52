// The guide's sample fleet (as `sqlup demo` registers it: DemoCommand), registered through the API.

const LOG_GB_PER_HOUR = 10 / 6; // 10 GB of log over the 6 h of backup + restore (the guide's example)

export function instance(
  id: string,
  extra: Record<string, unknown> = {},
  simulationExtra: Record<string, unknown> = {},
) {
  return {
    instanceId: id,
    engineVersion: '2019',
    sqlEdition: 'Standard',
    rdsEdition: 'HighAvailability',
    instanceType: 'mssql.x4.large',
    dataSizeGb: 600,
    maintenanceWindow: '18:00Z-22:00Z',
    endpoint: `${id}.sqlup.internal`,
    vip: '10.0.0.5',
    port: 1433,
    tags: { team: 'sales' },
    replicationTasks: [{ id: `dts-${id}-to-dwh`, status: 'Running' }],
    simulation: {
      databases: [{ name: 'sales', sizeGb: 600, recoveryModel: 'FULL' }],
      logGbPerHour: LOG_GB_PER_HOUR,
      ...simulationExtra,
    },
    ...extra,
  };
}

export async function post(url: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export async function registerFleet(url: string): Promise<void> {
  const guide = await post(url, '/instances', instance('rm-guide-600g'));
  // The guide's second figure: a full backup 3 h old (within 36 h) on the server's clock.
  const backup = new Date(Date.parse(guide.createdAt as string) - 3 * 3600_000).toISOString();
  await post(url, '/instances', instance('rm-backed-up-600g', {}, { lastFullBackupAt: backup }));
  await post(url, '/instances', instance('rm-double-click'));
  await post(
    url,
    '/instances',
    instance('rm-ad-joined', { dataSizeGb: 50, adDomainJoined: true, replicationTasks: [] }),
  );
  await post(url, '/instances', instance('rm-serverless', { dataSizeGb: 50, serverless: true, replicationTasks: [] }));
}
