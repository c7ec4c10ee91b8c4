/**
 * The emulator's scenario format: a JSON file describing the AWS estate the emulator serves.
 *
 * Field names inside keys, vaults and recovery points are AWS wire names (PascalCase), so a
 * scenario reads like the API answers it produces and the cases in ../shared/cases/ map onto it
 * directly. Fields in camelCase are emulator controls (fault injection, generation), never sent.
 */
import { z } from 'zod';

const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');
const regionName = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be an AWS region name like us-east-1');

/** An injected AWS error answer: HTTP status, error name (`Code`) and message. */
export const injectedErrorSchema = z
  .object({
    status: z.number().int().min(400).max(599),
    code: z.string().min(1),
    message: z.string().default(''),
  })
  .strict();

/**
 * A KMS key. `KeyId` is the bare id; the ARN is built from the account and region that hold it.
 * `Alias` (e.g. `alias/aws/backup`) is returned by ListAliases and accepted by DescribeKey.
 */
export const keySchema = z
  .object({
    KeyId: z.string().min(1),
    KeyManager: z.enum(['AWS', 'CUSTOMER']).default('CUSTOMER'),
    KeyState: z
      .enum([
        'Creating',
        'Enabled',
        'Disabled',
        'PendingDeletion',
        'PendingImport',
        'PendingReplicaDeletion',
        'Unavailable',
        'Updating',
      ])
      .default('Enabled'),
    /** Epoch seconds; only meaningful with KeyState PendingDeletion. */
    DeletionDate: z.number().optional(),
    Description: z.string().optional(),
    Origin: z.enum(['AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE']).default('AWS_KMS'),
    MultiRegion: z.boolean().default(false),
    Alias: z.string().optional(),
    /** Control: DescribeKey on this key answers this error (e.g. AccessDeniedException). */
    describeKeyError: injectedErrorSchema.optional(),
  })
  .strict();

/** Recovery point creator (backup plan and rule). */
const createdBySchema = z
  .object({
    BackupPlanId: z.string().optional(),
    BackupPlanArn: z.string().optional(),
    BackupPlanName: z.string().optional(),
    BackupPlanVersion: z.string().optional(),
    BackupRuleId: z.string().optional(),
    BackupRuleName: z.string().optional(),
    BackupRuleCron: z.string().optional(),
    BackupRuleTimezone: z.string().optional(),
  })
  .strict();

const recoveryPointStatus = z.enum([
  'COMPLETED',
  'PARTIAL',
  'DELETING',
  'EXPIRED',
  'AVAILABLE',
  'STOPPED',
  'CREATING',
]);

/**
 * A recovery point as AWS returns it. `EncryptionKeyArn` may be a full ARN or `KEY:<KeyId>`,
 * resolved against the vault's account and region.
 */
export const recoveryPointSchema = z
  .object({
    RecoveryPointArn: z.string().min(1),
    ResourceArn: z.string().optional(),
    ResourceType: z.string().optional(),
    ResourceName: z.string().optional(),
    Status: recoveryPointStatus.default('COMPLETED'),
    StatusMessage: z.string().optional(),
    IsEncrypted: z.boolean().optional(),
    EncryptionKeyArn: z.string().optional(),
    EncryptionKeyType: z.enum(['AWS_OWNED_KMS_KEY', 'CUSTOMER_MANAGED_KMS_KEY']).optional(),
    VaultType: z.string().optional(),
    IsParent: z.boolean().optional(),
    ParentRecoveryPointArn: z.string().optional(),
    CompositeMemberIdentifier: z.string().optional(),
    CreatedBy: createdBySchema.optional(),
    IamRoleArn: z.string().optional(),
    /** Epoch seconds. */
    CreationDate: z.number().optional(),
    BackupSizeInBytes: z.number().int().optional(),
    /** Control: leave IsEncrypted out of ListRecoveryPointsByBackupVault items only. */
    omitIsEncryptedInList: z.boolean().optional(),
    /** Control: leave IsEncrypted out of list items and DescribeRecoveryPoint. */
    omitIsEncryptedEverywhere: z.boolean().optional(),
  })
  .strict();

/**
 * Points produced lazily, page by page, never held in memory: ARNs are
 * `arn:aws:backup:{region}:{account}:recovery-point:gen-{vault}-{index}` (index zero-padded to 7).
 */
export const generatedPointsSchema = z
  .object({
    count: z.number().int().min(0).max(10_000_000),
    ResourceType: z.string().default('EFS'),
    IsEncrypted: z.boolean().default(true),
    /** ARN or `KEY:<KeyId>`; defaults to the vault's key. */
    EncryptionKeyArn: z.string().optional(),
    Status: recoveryPointStatus.default('COMPLETED'),
    /** Control: every Nth point (1-based index divisible by N) is unencrypted, whatever IsEncrypted says. */
    unencryptedEvery: z.number().int().min(1).optional(),
  })
  .strict();

export const vaultSchema = z
  .object({
    BackupVaultName: z
      .string()
      .regex(/^[a-zA-Z0-9\-_]{2,50}$/, 'vault names are 2-50 letters, digits, - or _'),
    VaultType: z
      .enum(['BACKUP_VAULT', 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT', 'RESTORE_ACCESS_BACKUP_VAULT'])
      .default('BACKUP_VAULT'),
    /** ARN or `KEY:<KeyId>`; absent for vaults on an AWS-owned key. */
    EncryptionKeyArn: z.string().optional(),
    EncryptionKeyType: z.enum(['AWS_OWNED_KMS_KEY', 'CUSTOMER_MANAGED_KMS_KEY']).optional(),
    Locked: z.boolean().optional(),
    /** Epoch seconds. */
    CreationDate: z.number().optional(),
    /**
     * Control: the vault belongs to this other account and is shared with the scenario account
     * (listed only by ListBackupVaults with shared=true; its ARN names the owner).
     */
    ownerAccountId: accountId.optional(),
    /** Control: ListRecoveryPointsByBackupVault on this vault answers this error. */
    listRecoveryPointsError: injectedErrorSchema.optional(),
    /** Control: ListRecoveryPointsByBackupVault answers `listRecoveryPointsError` only after this many good pages. */
    failAfterPages: z.number().int().min(0).optional(),
    /** Control: DescribeBackupVault on this vault answers this error. */
    describeVaultError: injectedErrorSchema.optional(),
    generate: generatedPointsSchema.optional(),
    points: z.array(recoveryPointSchema).default([]),
  })
  .strict();

export const regionSchema = z
  .object({
    /** EC2 DescribeRegions opt-in status. `not-opted-in` regions answer every other call with UnrecognizedClientException. */
    optInStatus: z.enum(['opt-in-not-required', 'opted-in', 'not-opted-in']).default('opt-in-not-required'),
    keys: z.array(keySchema).default([]),
    vaults: z.array(vaultSchema).default([]),
    /** Control: `count` more vaults named `gen-vault-NNN`, each with generated points. */
    generateVaults: z
      .object({
        vaults: z.number().int().min(1).max(10_000),
        pointsPerVault: z.number().int().min(0).max(10_000_000),
        IsEncrypted: z.boolean().default(true),
        ResourceType: z.string().default('EFS'),
        /** Every Nth point of each generated vault is unencrypted (see `generate.unencryptedEvery`). */
        unencryptedEvery: z.number().int().min(1).optional(),
      })
      .strict()
      .optional(),
    /**
     * Control: all Backup and KMS calls of this account and region share a token bucket of this
     * many calls a second (burst: one second's worth), on top of any AWS limits; the excess is throttled.
     */
    throttle: z.object({ rps: z.number().positive() }).strict().optional(),
    /** Control: ListBackupVaults in this region answers this error. */
    listBackupVaultsError: injectedErrorSchema.optional(),
  })
  .strict();

export const accountSchema = z
  .object({
    accountId,
    /** Organizations account name (issue: org scale). */
    name: z.string().optional(),
    status: z.enum(['ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE']).default('ACTIVE'),
    /** Organizations account email; defaults to `aws+<accountId>@example.com`. */
    email: z
      .string()
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address')
      .optional(),
    /** Organizations JoinedMethod; defaults to INVITED for the management account, CREATED otherwise. */
    joinedMethod: z.enum(['INVITED', 'CREATED']).optional(),
    /** Organizations JoinedTimestamp, epoch seconds; defaults to a day apart in scenario order. */
    joinedTimestamp: z.number().optional(),
    /** Control: STS AssumeRole into this account answers AccessDenied. */
    denyAssumeRole: z.boolean().optional(),
    regions: z.record(regionName, regionSchema),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    /** The account that plain (not assumed-role) credentials belong to; defaults to the first account. */
    callerAccountId: accountId.optional(),
    accounts: z.array(accountSchema).min(1),
  })
  .strict();

export type InjectedError = z.infer<typeof injectedErrorSchema>;
export type ScenarioKey = z.infer<typeof keySchema>;
export type ScenarioRecoveryPoint = z.infer<typeof recoveryPointSchema>;
export type ScenarioVault = z.infer<typeof vaultSchema>;
export type ScenarioRegion = z.infer<typeof regionSchema>;
export type ScenarioAccount = z.infer<typeof accountSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;
/** What a scenario file may contain before defaults are applied. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
