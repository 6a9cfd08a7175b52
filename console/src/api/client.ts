// The one module that talks to the sqlup REST API. Pages call these functions, never fetch.
import type {
  Campaign,
  CampaignAction,
  CampaignPlan,
  CampaignRequest,
  CampaignSummary,
  DiscoverResult,
  DryRunResult,
  ExecutionPath,
  Instance,
  StateMachineDefinition,
  SubmitResult,
  SwitchSetting,
  Task,
  UpgradeOptions,
  UpgradeRequest,
} from './types';

/** An error answer of the API (docs/api.md "Errors"), or no answer at all (`unreachable`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly taskId?: string;
  readonly requestId?: string;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { field?: string; taskId?: string; requestId?: string } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = extra.field;
    this.taskId = extra.taskId;
    this.requestId = extra.requestId;
  }

  /** No HTTP answer (connection refused, network down) or the gateway's own 502/503/504. */
  get unreachable(): boolean {
    return this.status === 0 || (this.status >= 502 && this.status <= 504 && this.code === 'GatewayError');
  }
}

type Fetch = typeof fetch;

export interface ClientOptions {
  /** Where the API is: '' (same origin, as `sqlup serve` hosts the console) or a stage URL. */
  baseUrl?: string;
  fetch?: Fetch;
}

export class SqlupClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: Fetch;

  constructor(options: ClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, {
        method,
        headers:
          body === undefined
            ? { Accept: 'application/json' }
            : { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(
        0,
        'Unreachable',
        `the API at ${this.baseUrl || window.location.origin} did not answer (${(e as Error).message})`,
      );
    }
    const text = await response.text();
    let json: unknown = undefined;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    if (!response.ok) {
      const err = (json ?? {}) as {
        code?: string;
        message?: string;
        field?: string;
        taskId?: string;
        requestId?: string;
      };
      if (!err.code) {
        // API Gateway's own answers ({"message": ...}) and proxies without JSON.
        const code =
          response.status === 403 ? 'NotFound' : response.status >= 502 ? 'GatewayError' : `Http${response.status}`;
        throw new ApiError(response.status, code, err.message ?? response.statusText ?? `HTTP ${response.status}`);
      }
      throw new ApiError(response.status, err.code, err.message ?? err.code, err);
    }
    return json as T;
  }

  /** Every instance (follows nextToken). */
  async listInstances(): Promise<Instance[]> {
    return this.all<Instance>('/instances', 'instances');
  }

  getInstance(instanceId: string): Promise<Instance> {
    return this.request('GET', `/instances/${encodeURIComponent(instanceId)}`);
  }

  getUpgradeOptions(instanceId: string): Promise<UpgradeOptions> {
    return this.request('GET', `/instances/${encodeURIComponent(instanceId)}/upgrade-options`);
  }

  dryRun(instanceId: string, request: UpgradeRequest): Promise<DryRunResult> {
    return this.request('POST', `/instances/${encodeURIComponent(instanceId)}/upgrades`, {
      ...request,
      dryRun: true,
      clientToken: undefined,
    });
  }

  /** Starts the upgrade; the same clientToken always names the same task (a double click makes one). */
  submitUpgrade(instanceId: string, request: UpgradeRequest & { clientToken: string }): Promise<SubmitResult> {
    return this.request('POST', `/instances/${encodeURIComponent(instanceId)}/upgrades`, {
      ...request,
      dryRun: undefined,
    });
  }

  /** Every task of one instance, newest first. */
  listInstanceTasks(instanceId: string): Promise<Task[]> {
    return this.all<Task>(`/instances/${encodeURIComponent(instanceId)}/tasks?limit=100`, 'tasks');
  }

  getTask(taskId: string): Promise<Task> {
    return this.request('GET', `/tasks/${encodeURIComponent(taskId)}`);
  }

  cancelTask(taskId: string): Promise<unknown> {
    return this.request('DELETE', `/tasks/${encodeURIComponent(taskId)}`);
  }

  /** `POST /tasks/{id}/switchover` (no body): switch now, or approve an OnApproval task; 202 with the task. */
  switchover(taskId: string): Promise<Task> {
    return this.request('POST', `/tasks/${encodeURIComponent(taskId)}/switchover`);
  }

  /** `PATCH /tasks/{id}`: another switch time (with switchAt for ScheduledTime) and/or cutover guards. */
  updateTask(taskId: string, change: SwitchSetting): Promise<Task> {
    return this.request('PATCH', `/tasks/${encodeURIComponent(taskId)}`, change);
  }

  /** Reads the source now and stores the inventory on the instance. */
  discover(instanceId: string): Promise<DiscoverResult> {
    return this.request('POST', `/instances/${encodeURIComponent(instanceId)}/discover`);
  }

  /** Every campaign (follows nextToken), as summaries. */
  listCampaigns(): Promise<CampaignSummary[]> {
    return this.all<CampaignSummary>('/campaigns', 'campaigns');
  }

  getCampaign(campaignId: string): Promise<Campaign> {
    return this.request('GET', `/campaigns/${encodeURIComponent(campaignId)}`);
  }

  /** The dry run: every selected instance with its checks, estimate and wave, and the timeline. */
  planCampaign(request: CampaignRequest): Promise<CampaignPlan> {
    return this.request('POST', '/campaigns', { ...request, dryRun: true, clientToken: undefined });
  }

  /** Starts the campaign; the same clientToken names the same campaign. */
  startCampaign(request: CampaignRequest & { clientToken: string }): Promise<CampaignSummary> {
    return this.request('POST', '/campaigns', { ...request, dryRun: undefined });
  }

  campaignAction(campaignId: string, action: CampaignAction, reason?: string): Promise<CampaignSummary> {
    return this.request(
      'POST',
      `/campaigns/${encodeURIComponent(campaignId)}/actions`,
      reason ? { action, reason } : { action },
    );
  }

  /** Local runtime only: the upgrade state machine's definition. */
  stateMachine(): Promise<StateMachineDefinition> {
    return this.request('GET', '/local/state-machine');
  }

  /** Local runtime only: the states the task's execution went through. */
  executionPath(taskId: string): Promise<ExecutionPath> {
    return this.request('GET', `/local/executions/${encodeURIComponent(taskId)}`);
  }

  private async all<T>(path: string, key: string): Promise<T[]> {
    const out: T[] = [];
    let nextToken: string | undefined;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page = await this.request<Record<string, unknown>>(
        'GET',
        nextToken ? `${path}${sep}nextToken=${encodeURIComponent(nextToken)}` : path,
      );
      out.push(...((page[key] as T[]) ?? []));
      nextToken = page.nextToken as string | undefined;
    } while (nextToken);
    return out;
  }
}

/** Same-origin API, as `sqlup serve` hosts the console beside it. */
export const api = new SqlupClient();
