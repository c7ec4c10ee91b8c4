import { BackupClient } from '@aws-sdk/client-backup';
import { EC2Client } from '@aws-sdk/client-ec2';
import { KMSClient } from '@aws-sdk/client-kms';
import { STSClient } from '@aws-sdk/client-sts';

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
}

type Ctor<T> = new (config: Record<string, unknown>) => T;

/** Creates and caches one SDK client per service and region, sharing credentials and settings. */
export class ClientFactory {
  private readonly cache = new Map<string, unknown>();

  constructor(private readonly options: ConnectionOptions) {}

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

  /** Release sockets so the process can exit promptly. */
  destroy(): void {
    for (const client of this.cache.values()) (client as { destroy(): void }).destroy();
    this.cache.clear();
  }

  private client<T>(service: string, region: string, ClientClass: Ctor<T>): T {
    const key = `${service}/${region}`;
    let client = this.cache.get(key) as T | undefined;
    if (!client) {
      client = new ClientClass(this.config(region));
      this.cache.set(key, client);
    }
    return client;
  }

  private config(region: string): Record<string, unknown> {
    const { profile, credentials, endpointUrl, maxAttempts } = this.options;
    return {
      region,
      maxAttempts,
      retryMode: 'standard',
      customUserAgent: 'rpguard',
      // Fail fast on a dead endpoint; a slow page still has time to arrive.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
      ...(credentials ? { credentials } : profile ? { profile } : {}),
      ...(endpointUrl ? { endpoint: endpointUrl } : {}),
    };
  }
}
