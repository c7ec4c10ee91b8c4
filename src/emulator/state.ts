/**
 * The estate the emulator serves, per account and region, built from a scenario. Generated
 * recovery points stay a count here; services render them on demand.
 */
import { createHash } from 'node:crypto';
import type { Scenario, ScenarioKey, ScenarioRegion, ScenarioVault } from './scenario-schema.js';

/** Default CreationDate (epoch seconds, 2024-01-01T00:00:00Z) for vaults and keys without one. */
export const DEFAULT_CREATION_DATE = 1_704_067_200;
/** CreationDate of generated point 0 and default base for scenario points (2024-06-01T00:00:00Z). */
export const POINT_BASE_DATE = 1_717_200_000;
/** The alias of the AWS managed key AWS Backup uses when a vault names no key. */
export const AWS_BACKUP_ALIAS = 'alias/aws/backup';

/** Resolves `KEY:<id>` to a full key ARN in the given account and region; other values pass through. */
export function resolveKeyRef(
  ref: string | undefined,
  accountId: string,
  region: string,
): string | undefined {
  if (ref === undefined || !ref.startsWith('KEY:')) return ref;
  return `arn:aws:kms:${region}:${accountId}:key/${ref.slice(4)}`;
}

/** Generated points of a vault, described by a count and the values they share. */
export interface GeneratedPoints {
  count: number;
  ResourceType: string;
  IsEncrypted: boolean;
  Status: string;
  keyArn?: string;
  /** Every Nth point (1-based) is unencrypted; absent means IsEncrypted holds for all. */
  unencryptedEvery?: number;
}

/** A vault as the services see it: scenario data plus resolved ARNs. */
export interface VaultState {
  spec: ScenarioVault;
  name: string;
  /** The owning account (differs from the region's account for shared vaults). */
  accountId: string;
  region: string;
  arn: string;
  shared: boolean;
  keyArn?: string;
  generated?: GeneratedPoints;
  numberOfRecoveryPoints: number;
}

/** A deterministic UUID-shaped id, so managed keys keep their id across runs. */
function stableUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** One account's view of one region. */
export class RegionState {
  readonly keys: ScenarioKey[];
  readonly vaults: VaultState[] = [];

  constructor(
    readonly accountId: string,
    readonly region: string,
    readonly spec: ScenarioRegion | undefined,
  ) {
    this.keys = [...(spec?.keys ?? [])];
    for (const v of spec?.vaults ?? []) this.vaults.push(this.vaultState(v));
    const gen = spec?.generateVaults;
    if (gen) {
      const keyArn = `arn:aws:kms:${region}:${accountId}:key/${this.ensureAwsBackupKey().KeyId}`;
      for (let i = 1; i <= gen.vaults; i++) {
        const name = `gen-vault-${String(i).padStart(3, '0')}`;
        const generate = {
          count: gen.pointsPerVault,
          ResourceType: gen.ResourceType,
          IsEncrypted: gen.IsEncrypted,
          Status: 'COMPLETED' as const,
          unencryptedEvery: gen.unencryptedEvery,
        };
        this.vaults.push(
          this.vaultState({
            BackupVaultName: name,
            VaultType: 'BACKUP_VAULT',
            EncryptionKeyArn: keyArn,
            generate,
            points: [],
          }),
        );
      }
    }
  }

  /** The region's EC2 opt-in status; regions the scenario does not name are enabled. */
  get optInStatus(): string {
    return this.spec?.optInStatus ?? 'opt-in-not-required';
  }

  /** Whether the account may use this region. */
  get enabled(): boolean {
    return this.optInStatus !== 'not-opted-in';
  }

  /** The vault `name` owned by `ownerAccountId`, if the caller can see it. */
  findVault(name: string, ownerAccountId: string): VaultState | undefined {
    return this.vaults.find((v) => v.name === name && v.accountId === ownerAccountId);
  }

  /** The AWS managed `aws/backup` key, created on first use as real KMS does. */
  ensureAwsBackupKey(): ScenarioKey {
    const existing = this.keys.find((k) => k.Alias === AWS_BACKUP_ALIAS);
    if (existing) return existing;
    const key: ScenarioKey = {
      KeyId: this.awsBackupKeyId(),
      KeyManager: 'AWS',
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      MultiRegion: false,
      Alias: AWS_BACKUP_ALIAS,
      Description: 'Default key that protects my Backup data when no other key is defined',
    };
    this.keys.push(key);
    return key;
  }

  /** The id the `aws/backup` key has (or will have) in this account and region. */
  awsBackupKeyId(): string {
    return (
      this.keys.find((k) => k.Alias === AWS_BACKUP_ALIAS)?.KeyId ??
      stableUuid(`aws/backup:${this.accountId}:${this.region}`)
    );
  }

  private vaultState(spec: ScenarioVault): VaultState {
    const owner = spec.ownerAccountId ?? this.accountId;
    const keyArn = resolveKeyRef(spec.EncryptionKeyArn, owner, this.region);
    const generated = spec.generate && {
      count: spec.generate.count,
      ResourceType: spec.generate.ResourceType,
      IsEncrypted: spec.generate.IsEncrypted,
      Status: spec.generate.Status,
      keyArn: resolveKeyRef(spec.generate.EncryptionKeyArn, owner, this.region) ?? keyArn,
      unencryptedEvery: spec.generate.unencryptedEvery,
    };
    return {
      spec,
      name: spec.BackupVaultName,
      accountId: owner,
      region: this.region,
      arn: `arn:aws:backup:${this.region}:${owner}:backup-vault:${spec.BackupVaultName}`,
      shared: owner !== this.accountId,
      keyArn,
      generated,
      numberOfRecoveryPoints: (generated?.count ?? 0) + spec.points.length,
    };
  }
}

/** All accounts and regions of a scenario; regions are built lazily and kept (KMS may add keys). */
export class EmulatorState {
  private readonly regions = new Map<string, RegionState>();
  /** Accounts by id: generated organizations have thousands and every call looks one up. */
  private readonly accounts: Map<string, Scenario['accounts'][number]>;

  constructor(readonly scenario: Scenario) {
    this.accounts = new Map(scenario.accounts.map((a) => [a.accountId, a]));
  }

  /** The account plain credentials act in; it is also the organization's management account. */
  get defaultAccountId(): string {
    return this.scenario.callerAccountId ?? this.scenario.accounts[0]?.accountId ?? '000000000000';
  }

  /** Whether the scenario holds this account. */
  hasAccount(accountId: string): boolean {
    return this.accounts.has(accountId);
  }

  /** The scenario's account entry, if any. */
  account(accountId: string): Scenario['accounts'][number] | undefined {
    return this.accounts.get(accountId);
  }

  /** The state of `region` in `accountId`; an unnamed region is enabled and empty. */
  region(accountId: string, region: string): RegionState {
    const key = `${accountId}/${region}`;
    let state = this.regions.get(key);
    if (!state) {
      state = new RegionState(accountId, region, this.account(accountId)?.regions[region]);
      this.regions.set(key, state);
    }
    return state;
  }
}
