/**
 * Recovery points of one vault as one virtual sequence: generated points first (rendered from
 * their index on demand), then the scenario's explicit points. Filters on generated points
 * become index ranges, so paging a 10,000,000-point vault never builds a list.
 */
import type { ScenarioRecoveryPoint } from '../../scenario-schema.js';
import { POINT_BASE_DATE, resolveKeyRef, type VaultState } from '../../state.js';
import { JsonWriter } from '../../protocols/json-writer.js';
import {
  generatedIndex,
  generatedResourceArn,
  renderGenerated,
  writeGeneratedItems,
} from './generated-points.js';

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

  /** Writes up to `limit` list items starting at `offset` as a JSON array (the fast path). */
  writePage(out: JsonWriter, offset: number, limit: number): void {
    const end = Math.min(this.length, offset + limit);
    const genEnd = Math.min(end, this.genCount);
    out.text('[');
    if (offset < genEnd) writeGeneratedItems(out, this.vault, this.genStart + offset, this.genStart + genEnd);
    for (let k = Math.max(offset, this.genCount); k < end; k++) {
      const position = this.explicit[k - this.genCount] ?? 0;
      const p = this.vault.spec.points[position];
      if (!p) continue;
      if (k > offset) out.text(',');
      out.text(JSON.stringify(renderExplicit(this.vault, p, position, false)));
    }
    out.text(']');
  }

  /** `writePage` as a string, for tests and tools. */
  pageJson(offset: number, limit: number): string {
    const out = new JsonWriter();
    this.writePage(out, offset, limit);
    return out.finish().toString('utf8');
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
