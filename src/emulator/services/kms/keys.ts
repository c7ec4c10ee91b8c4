/** KMS key lookup by id, ARN, alias or alias ARN, and the KeyMetadata shape. */
import { ApiError } from '../../api-error.js';
import type { ScenarioKey } from '../../scenario-schema.js';
import { AWS_BACKUP_ALIAS, DEFAULT_CREATION_DATE, type RegionState } from '../../state.js';
import type { RequestContext } from '../../types.js';

const KMS_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/;

/** The ARN of a key in its region and account. */
export function keyArn(region: RegionState, key: ScenarioKey): string {
  return `arn:aws:kms:${region.region}:${region.accountId}:key/${key.KeyId}`;
}

function byAlias(region: RegionState, alias: string): ScenarioKey | undefined {
  const key = region.keys.find((k) => k.Alias === alias);
  if (key) return key;
  // DescribeKey on the predefined alias creates the AWS managed key, as real KMS does.
  return alias === AWS_BACKUP_ALIAS ? region.ensureAwsBackupKey() : undefined;
}

function byId(region: RegionState, id: string): ScenarioKey | undefined {
  return (
    region.keys.find((k) => k.KeyId === id) ??
    (id === region.awsBackupKeyId() ? region.ensureAwsBackupKey() : undefined)
  );
}

/**
 * Finds the key a `KeyId` parameter names in the caller's account and region. A key or alias ARN
 * of another account is AccessDeniedException (the emulator grants no cross-account key use).
 */
export function findKey(ctx: RequestContext, keyId: string, allowAlias = true): ScenarioKey {
  const region = ctx.state.region(ctx.accountId, ctx.region);
  const notFound = () =>
    new ApiError(
      400,
      'NotFoundException',
      `Key '${keyId}' does not exist in ${ctx.region} of ${ctx.accountId}`,
    );
  let kind: string;
  let name: string;
  if (keyId.startsWith('arn:')) {
    const m = KMS_ARN.exec(keyId);
    if (!m?.[1] || !m[2] || !m[3] || !m[4])
      throw new ApiError(400, 'InvalidArnException', `Invalid arn ${keyId}`);
    if (m[2] !== ctx.accountId) {
      throw new ApiError(
        400,
        'AccessDeniedException',
        `User: arn:aws:iam::${ctx.accountId}:user/rpguard-emulator is not authorized to perform: kms:DescribeKey on resource: ${keyId}`,
      );
    }
    if (m[1] !== ctx.region) throw notFound();
    [kind, name] = m[3] === 'alias' ? ['alias', `alias/${m[4]}`] : ['key', m[4]];
  } else {
    [kind, name] = keyId.startsWith('alias/') ? ['alias', keyId] : ['key', keyId];
  }
  if (kind === 'alias' && !allowAlias)
    throw new ApiError(400, 'InvalidArnException', `${keyId} is not a key id or key ARN`);
  const key = kind === 'alias' ? byAlias(region, name) : byId(region, name);
  if (!key) throw notFound();
  return key;
}

/** The full KeyMetadata structure DescribeKey answers. */
export function keyMetadata(region: RegionState, key: ScenarioKey): Record<string, unknown> {
  return {
    AWSAccountId: region.accountId,
    KeyId: key.KeyId,
    Arn: keyArn(region, key),
    CreationDate: DEFAULT_CREATION_DATE,
    Enabled: key.KeyState === 'Enabled',
    Description: key.Description ?? '',
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: key.KeyState,
    DeletionDate: key.KeyState === 'PendingDeletion' ? key.DeletionDate : undefined,
    Origin: key.Origin,
    KeyManager: key.KeyManager,
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: key.MultiRegion,
  };
}
