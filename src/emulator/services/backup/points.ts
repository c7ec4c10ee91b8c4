/**
 * Recovery points of one vault as one virtual sequence: generated points first (rendered from
 * their index on demand), then the scenario's explicit points. Filters on generated points
 * become index ranges, so paging a 10,000,000-point vault never builds a list.
 */
import type { ScenarioRecoveryPoint } from '../../scenario-schema.js';
import { POINT_BASE_DATE, resolveKeyRef, type VaultState } from '../../state.js';

/** ListRecoveryPointsByBackupVault filters (query members ByResourceArn etc.). */
export interface PointFilter {
  resourceArn?: string;
  resourceType?: string;
  parentRecoveryPointArn?: string;
  backupPlanId?: string;
  /** Epoch seconds. */
  createdAfter?: number;
  /** Epoch seconds. */
  createdBefore?: number;
}

type Rendered = Record<string, unknown>;
const pad7 = (i: number) => String(i).padStart(7, '0');

/** The ARN of generated point `i` of a vault. */
export function generatedPointArn(v: VaultState, i: number): string {
  return `arn:aws:backup:${v.region}:${v.accountId}:recovery-point:gen-${v.name}-${pad7(i)}`;
}

/** The index of a generated point from its ARN, if it is one of this vault's. */
function generatedIndex(v: VaultState, arn: string): number | undefined {
  const prefix = generatedPointArn(v, 0).slice(0, -7);
  if (!v.generated || !arn.startsWith(prefix) || !/^\d{7}$/.test(arn.slice(prefix.length))) return undefined;
  const i = Number(arn.slice(prefix.length));
  return i < v.generated.count ? i : undefined;
}

/** A plausible source resource ARN for generated point `i`; it ends in the padded index. */
function generatedResourceArn(v: VaultState, type: string, i: number): string {
  const id = `${v.name.toLowerCase()}-${pad7(i)}`;
  const r = v.region;
  const a = v.accountId;
  switch (type) {
    case 'EFS':
      return `arn:aws:elasticfilesystem:${r}:${a}:file-system/fs-${id}`;
    case 'DynamoDB':
      return `arn:aws:dynamodb:${r}:${a}:table/${id}`;
    case 'S3':
      return `arn:aws:s3:::${id}`;
    case 'EBS':
      return `arn:aws:ec2:${r}:${a}:volume/vol-${id}`;
    default:
      return `arn:aws:backup:${r}:${a}:resource:${type.toLowerCase()}-${id}`;
  }
}

/** Renders generated point `i` as a list item. */
function renderGenerated(v: VaultState, i: number): Rendered {
  const g = v.generated;
  if (!g) throw new Error('vault has no generated points');
  return {
    RecoveryPointArn: generatedPointArn(v, i),
    BackupVaultName: v.name,
    BackupVaultArn: v.arn,
    ResourceArn: generatedResourceArn(v, g.ResourceType, i),
    ResourceType: g.ResourceType,
    Status: g.Status,
    CreationDate: POINT_BASE_DATE + i,
    BackupSizeInBytes: 1_048_576,
    EncryptionKeyArn: g.IsEncrypted ? g.keyArn : undefined,
    IsEncrypted: g.IsEncrypted,
    IsParent: false,
    VaultType: v.spec.VaultType,
  };
}

/** When an explicit point without CreationDate was created: an hour apart, in scenario order. */
const explicitDate = (p: ScenarioRecoveryPoint, position: number) =>
  p.CreationDate ?? POINT_BASE_DATE + position * 3600;

/** Renders an explicit point; `describe` adds StorageClass and ignores `omitIsEncryptedInList`. */
function renderExplicit(
  v: VaultState,
  p: ScenarioRecoveryPoint,
  position: number,
  describe: boolean,
): Rendered {
  const { omitIsEncryptedInList, omitIsEncryptedEverywhere, EncryptionKeyArn, ...wire } = p;
  const out: Rendered = {
    ...wire,
    BackupVaultName: v.name,
    BackupVaultArn: v.arn,
    VaultType: p.VaultType ?? v.spec.VaultType,
    CreationDate: explicitDate(p, position),
    EncryptionKeyArn: resolveKeyRef(EncryptionKeyArn, v.accountId, v.region),
  };
  if (omitIsEncryptedEverywhere || (omitIsEncryptedInList && !describe)) delete out.IsEncrypted;
  if (describe) out.StorageClass = 'WARM';
  return out;
}

/** The half-open range of generated indexes that pass the filter. */
function generatedRange(v: VaultState, f: PointFilter): [number, number] {
  const g = v.generated;
  if (!g) return [0, 0];
  let start = 0;
  let end = g.count;
  if (f.parentRecoveryPointArn !== undefined || f.backupPlanId !== undefined) return [0, 0];
  if (f.resourceType !== undefined && f.resourceType !== g.ResourceType) return [0, 0];
  if (f.createdAfter !== undefined) start = Math.max(start, Math.floor(f.createdAfter - POINT_BASE_DATE) + 1);
  if (f.createdBefore !== undefined) end = Math.min(end, Math.ceil(f.createdBefore - POINT_BASE_DATE));
  if (f.resourceArn !== undefined) {
    const i = Number(f.resourceArn.slice(-7));
    if (
      !/^\d{7}$/.test(f.resourceArn.slice(-7)) ||
      generatedResourceArn(v, g.ResourceType, i) !== f.resourceArn
    )
      return [0, 0];
    [start, end] = [Math.max(start, i), Math.min(end, i + 1)];
  }
  return end > start ? [start, end] : [0, 0];
}

function explicitMatches(p: ScenarioRecoveryPoint, position: number, f: PointFilter): boolean {
  const date = explicitDate(p, position);
  return (
    (f.resourceArn === undefined || p.ResourceArn === f.resourceArn) &&
    (f.resourceType === undefined || p.ResourceType === f.resourceType) &&
    (f.parentRecoveryPointArn === undefined || p.ParentRecoveryPointArn === f.parentRecoveryPointArn) &&
    (f.backupPlanId === undefined || p.CreatedBy?.BackupPlanId === f.backupPlanId) &&
    (f.createdAfter === undefined || date > f.createdAfter) &&
    (f.createdBefore === undefined || date < f.createdBefore)
  );
}

/** The filtered points of one vault, addressable by offset. */
export class PointSequence {
  private readonly genStart: number;
  private readonly genCount: number;
  /** Positions (in scenario order) of the explicit points that pass the filter. */
  private readonly explicit: number[];

  constructor(
    private readonly vault: VaultState,
    filter: PointFilter,
  ) {
    const [start, end] = generatedRange(vault, filter);
    this.genStart = start;
    this.genCount = end - start;
    this.explicit = vault.spec.points.flatMap((p, i) => (explicitMatches(p, i, filter) ? [i] : []));
  }

  /** How many points pass the filter. */
  get length(): number {
    return this.genCount + this.explicit.length;
  }

  /** Up to `limit` list items starting at `offset`. */
  page(offset: number, limit: number): Rendered[] {
    const out: Rendered[] = [];
    for (let k = offset; k < Math.min(this.length, offset + limit); k++) {
      if (k < this.genCount) out.push(renderGenerated(this.vault, this.genStart + k));
      else {
        const position = this.explicit[k - this.genCount] ?? 0;
        const p = this.vault.spec.points[position];
        if (p) out.push(renderExplicit(this.vault, p, position, false));
      }
    }
    return out;
  }
}

/** The DescribeRecoveryPoint answer for `arn` in the vault, if the vault holds it. */
export function describePoint(v: VaultState, arn: string): Rendered | undefined {
  const i = generatedIndex(v, arn);
  if (i !== undefined) return { ...renderGenerated(v, i), StorageClass: 'WARM' };
  const position = v.spec.points.findIndex((p) => p.RecoveryPointArn === arn);
  const p = v.spec.points[position];
  return p && renderExplicit(v, p, position, true);
}
