import type { RecoveryPointContext } from '../../core/types.js';

/** A short phrase locating a recovery point for messages: type, status and composite membership. */
export function describePoint({ point }: RecoveryPointContext): string {
  const parts = [`${point.resourceType ?? 'unknown type'} recovery point`];
  if (point.resourceArn) parts.push(`of ${point.resourceArn}`);
  if (point.parentRecoveryPointArn) {
    const member = point.compositeMemberIdentifier ? ` (logical id ${point.compositeMemberIdentifier})` : '';
    parts.push(`in composite ${point.parentRecoveryPointArn}${member}`);
  }
  return parts.join(' ');
}

/** A sentence about a recovery point status that changes how to read the verdict, or ''. */
export function statusNote({ point }: RecoveryPointContext): string {
  if (point.status === 'EXPIRED') {
    const why = point.statusMessage ? ` (${point.statusMessage})` : '';
    return ` Status EXPIRED: retention has passed but AWS Backup could not delete it${why}, so it still holds data.`;
  }
  if (point.status && point.status !== 'COMPLETED' && point.status !== 'AVAILABLE') {
    return ` Status ${point.status}.`;
  }
  return '';
}
