/**
 * Generated recovery points, rendered from their index: as an object (DescribeRecoveryPoint) or,
 * on the hot path, straight into JSON bytes: one pre-encoded item per vault, copied and patched
 * with each point's digits.
 */
import type { JsonWriter } from '../../protocols/json-writer.js';
import { POINT_BASE_DATE, type GeneratedPoints, type VaultState } from '../../state.js';

const pad7 = (i: number) => String(i).padStart(7, '0');

/** Whether generated point `i` is encrypted: the vault's setting, except every Nth point when asked. */
export function generatedIsEncrypted(g: GeneratedPoints, i: number): boolean {
  return g.IsEncrypted && !(g.unencryptedEvery !== undefined && (i + 1) % g.unencryptedEvery === 0);
}

/** The ARN of generated point `i` of a vault. */
export function generatedPointArn(v: VaultState, i: number): string {
  return `arn:aws:backup:${v.region}:${v.accountId}:recovery-point:gen-${v.name}-${pad7(i)}`;
}

/** The index of a generated point from its ARN, if it is one of this vault's. */
export function generatedIndex(v: VaultState, arn: string): number | undefined {
  const prefix = generatedPointArn(v, 0).slice(0, -7);
  if (!v.generated || !arn.startsWith(prefix) || !/^\d{7}$/.test(arn.slice(prefix.length))) return undefined;
  const i = Number(arn.slice(prefix.length));
  return i < v.generated.count ? i : undefined;
}

/** A plausible source resource ARN for generated point `i`; it ends in the padded index. */
export function generatedResourceArn(v: VaultState, type: string, i: number): string {
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

/** Renders generated point `i` as a list item; the key order is the JSON template's. */
export function renderGenerated(v: VaultState, i: number): Record<string, unknown> {
  const g = v.generated;
  if (!g) throw new Error('vault has no generated points');
  const encrypted = generatedIsEncrypted(g, i);
  return {
    RecoveryPointArn: generatedPointArn(v, i),
    BackupVaultName: v.name,
    BackupVaultArn: v.arn,
    ResourceArn: generatedResourceArn(v, g.ResourceType, i),
    ResourceType: g.ResourceType,
    Status: g.Status,
    CreationDate: POINT_BASE_DATE + i,
    BackupSizeInBytes: 1_048_576,
    EncryptionKeyArn: encrypted ? g.keyArn : undefined,
    IsEncrypted: encrypted,
    IsParent: false,
    VaultType: v.spec.VaultType,
  };
}

/**
 * One vault's list item for point 0, encoded once, and where its index-dependent digits sit. Every
 * generated point has the same byte length (indexes are 7 digits, dates 10), so each item is one
 * copy of the template plus three digit patches.
 */
interface ItemTemplate {
  encrypted: Buffer;
  plain: Buffer;
  /** Byte offsets of the 7-digit index in the point ARN and the resource ARN. */
  pointIndexAt: number;
  resourceIndexAt: number;
  /** Byte offset of the CreationDate digits. */
  dateAt: number;
}

/** Templates per vault; a WeakMap so they go when the vault state goes (one per vault, never per point). */
const templates = new WeakMap<VaultState, ItemTemplate>();

const INDEX_WIDTH = 7;
/** Dates are POINT_BASE_DATE + index; with at most 10,000,000 points they keep these many digits. */
const DATE_WIDTH = String(POINT_BASE_DATE).length;

function template(v: VaultState, g: GeneratedPoints): ItemTemplate {
  let t = templates.get(v);
  if (t) return t;
  const render = (encrypted: boolean) => {
    // Overriding keys of the spread keeps their position, so the key order stays renderGenerated's.
    const item: Record<string, unknown> = {
      ...renderGenerated(v, 0),
      EncryptionKeyArn: encrypted ? g.keyArn : undefined,
      IsEncrypted: encrypted,
    };
    return Buffer.from(JSON.stringify(item), 'utf8');
  };
  const encrypted = render(g.IsEncrypted);
  // Offsets come from the encoded item: the text before each field is the same for every point.
  const offsetAfter = (marker: string) => encrypted.indexOf(marker) + Buffer.byteLength(marker);
  const pointArn = generatedPointArn(v, 0);
  const resourceArn = generatedResourceArn(v, g.ResourceType, 0);
  const pointIndexAt = offsetAfter(`"RecoveryPointArn":${JSON.stringify(pointArn).slice(0, -8)}`);
  const resourceIndexAt = offsetAfter(`"ResourceArn":${JSON.stringify(resourceArn).slice(0, -8)}`);
  const dateAt = offsetAfter('"CreationDate":');
  t = { encrypted, plain: render(false), pointIndexAt, resourceIndexAt, dateAt };
  templates.set(v, t);
  return t;
}

/**
 * Writes generated points `start` (inclusive) to `end` (exclusive) as comma-separated JSON
 * objects, each equal to `JSON.stringify(renderGenerated(v, i))`.
 */
export function writeGeneratedItems(out: JsonWriter, v: VaultState, start: number, end: number): void {
  const g = v.generated;
  if (!g) throw new Error('vault has no generated points');
  const t = template(v, g);
  for (let i = start; i < end; i++) {
    if (i !== start) out.bytes(COMMA);
    const at = out.bytes(generatedIsEncrypted(g, i) ? t.encrypted : t.plain);
    out.putDigits(at + t.pointIndexAt, i, INDEX_WIDTH);
    out.putDigits(at + t.resourceIndexAt, i, INDEX_WIDTH);
    out.putDigits(at + t.dateAt, POINT_BASE_DATE + i, DATE_WIDTH);
  }
}

const COMMA = Buffer.from(',');
