import { BackupClient } from '@aws-sdk/client-backup';
import { setMaxListeners } from 'node:events';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { EC2Client } from '@aws-sdk/client-ec2';
import { KMSClient } from '@aws-sdk/client-kms';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { STSClient } from '@aws-sdk/client-sts';
import { CallMetrics, isThrottling } from './call-metrics.js';
import { passListPagesRaw } from './raw-list-pages.js';
import { RegionLimiter } from './rate-limit.js';

/** How to reach AWS: profile or explicit credentials, optional endpoint override, retry budget. */
export interface ConnectionOptions {
  /** Named profile from the shared config files; otherwise the SDK's default chain. */
  profile?: string;
  /** Credentials for an assumed role; overrides `profile`. */
  credentials?: NonNullable<ConstructorParameters<typeof BackupClient>[0]>['credentials'];
  /** Send every call here (the emulator, LocalStack, moto). AWS_ENDPOINT_URL* also work, via the SDK. */
  endpointUrl?: string;
  /** Total attempts per call, including the first (SDK standard retry mode). */
  maxAttempts: number;
  /** Lower every per-account-and-region quota to this many calls a second. */
  maxRps?: number;
  /** Where attempts and throttling answers are counted (shared by every account of a scan). */
  metrics?: CallMetrics;
  /** Once aborted, no new attempt starts and calls under way are abandoned with ScanInterruptedError. */
  signal?: AbortSignal;
  /** Keep-alive connections shared by every client of a scan (set by the first factory). */
  agents?: { http: HttpAgent; https: HttpsAgent };
}

// Connections per endpoint shared by all accounts: more than the calls a scan has in flight at once
// (16 accounts listing vaults, 24 vault page chains, key lookups), so none waits for a socket.
const SOCKETS_PER_ENDPOINT = 128;

/** Thrown by every AWS call once the scan has been interrupted (Ctrl-C). */
export class ScanInterruptedError extends Error {
  constructor() {
    super('the scan was interrupted');
    this.name = 'ScanInterrupted';
  }
}

/** Settle with the call, or reject as soon as the signal aborts. */
function abortable<T>(call: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return call;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ScanInterruptedError());
    signal.addEventListener('abort', onAbort, { once: true });
    call.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

interface SdkClient {
  destroy(): void;
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<unknown>,
        context: { commandName?: string },
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'finalizeRequest'; priority: 'low'; name: string },
    ): void;
  };
}

type Ctor<T> = new (config: Record<string, unknown>) => T;

/** Creates and caches one SDK client per service and region, sharing credentials and settings. */
export class ClientFactory {
  private readonly cache = new Map<string, unknown>();
  private readonly limiters = new Map<string, RegionLimiter>();
  readonly metrics: CallMetrics;

  private readonly credentials: NonNullable<ConnectionOptions['credentials']>;
  private readonly agents: NonNullable<ConnectionOptions['agents']>;

  constructor(private readonly options: ConnectionOptions) {
    this.metrics = options.metrics ?? new CallMetrics();
    // One pool of keep-alive connections for every account and region: clients of different
    // accounts reach the same regional endpoints, so a connection (and its TLS handshake) is reused
    // across accounts instead of opened per client.
    this.agents = options.agents ?? {
      http: new HttpAgent({ keepAlive: true, maxSockets: SOCKETS_PER_ENDPOINT }),
      https: new HttpsAgent({ keepAlive: true, maxSockets: SOCKETS_PER_ENDPOINT }),
    };
    // Every call under way listens to the scan's abort signal: many at once is expected.
    if (options.signal) setMaxListeners(0, options.signal);
    // One provider for every client of this identity, so credentials resolve (and SSO prompts) once.
    // An explicit --profile reads only that profile, even when AWS_ACCESS_KEY_ID is also set.
    this.credentials =
      options.credentials ?? (options.profile ? fromIni({ profile: options.profile }) : defaultProvider());
  }

  /** A factory for another identity (an assumed role) sharing endpoint, retries and metrics. */
  withCredentials(credentials: NonNullable<ConnectionOptions['credentials']>): ClientFactory {
    return new ClientFactory({ ...this.options, credentials, metrics: this.metrics, agents: this.agents });
  }

  backup(region: string): BackupClient {
    return this.client('backup', region, BackupClient);
  }

  kms(region: string): KMSClient {
    return this.client('kms', region, KMSClient);
  }

  ec2(region: string): EC2Client {
    return this.client('ec2', region, EC2Client);
  }

  sts(region: string): STSClient {
    return this.client('sts', region, STSClient);
  }

  /** Organizations is global: its endpoint lives in us-east-1 for the aws partition. */
  organizations(): OrganizationsClient {
    return this.client('organizations', 'us-east-1', OrganizationsClient);
  }

  /** Release sockets so the process can exit promptly (every factory sharing them: call it on the first). */
  destroy(): void {
    for (const client of this.cache.values()) (client as { destroy(): void }).destroy();
    this.cache.clear();
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private client<T>(service: string, region: string, ClientClass: Ctor<T>): T {
    const key = `${service}/${region}`;
    let client = this.cache.get(key) as T | undefined;
    if (!client) {
      client = new ClientClass(this.config(region));
      this.instrument(client as unknown as SdkClient, service, region);
      if (service === 'backup')
        passListPagesRaw(
          (client as unknown as { middlewareStack: Parameters<typeof passListPagesRaw>[0] }).middlewareStack,
        );
      this.cache.set(key, client);
    }
    return client;
  }

  /**
   * Rate-limit and count every attempt. Added in the finalizeRequest step with low priority, so it
   * runs inside the SDK's retry loop: retries wait for tokens too, and each throttle is seen.
   */
  private instrument(client: SdkClient, service: string, region: string): void {
    let limiter = this.limiters.get(region);
    if (!limiter) this.limiters.set(region, (limiter = new RegionLimiter(this.options.maxRps)));
    const regionLimiter = limiter;
    const metrics = this.metrics;
    const signal = this.options.signal;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
        if (signal?.aborted) throw new ScanInterruptedError();
        await regionLimiter.acquire(service, operation);
        if (signal?.aborted) throw new ScanInterruptedError();
        metrics.recordAttempt(operation);
        try {
          return await abortable(next(args), signal);
        } catch (error) {
          if (isThrottling(error)) metrics.throttled += 1;
          throw error;
        }
      },
      { step: 'finalizeRequest', priority: 'low', name: 'rpguardRateLimitAndCount' },
    );
  }

  private config(region: string): Record<string, unknown> {
    const { endpointUrl, maxAttempts } = this.options;
    return {
      region,
      maxAttempts,
      retryMode: 'standard',
      customUserAgent: 'rpguard',
      // Fail fast on a dead endpoint; a slow page still has time to arrive.
      requestHandler: {
        httpAgent: this.agents.http,
        httpsAgent: this.agents.https,
        connectionTimeout: 5_000,
        requestTimeout: 60_000,
        socketTimeout: 60_000,
        throwOnRequestTimeout: true,
      },
      credentials: this.credentials,
      ...(endpointUrl ? { endpoint: endpointUrl } : {}),
    };
  }
}
