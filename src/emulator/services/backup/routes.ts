/**
 * AWS Backup (restJson1): operations found by HTTP method plus the model's `pathRegex`
 * (aws-models/http-bindings.json, Python `(?P<name>` groups written as JS `(?<name>`).
 */
import { matchPath, restJson } from '../../protocols/rest-json.js';
import type { EmulatedService, Handler } from '../../types.js';
import { describeBackupVault } from './describe-backup-vault.js';
import { describeRecoveryPoint } from './describe-recovery-point.js';
import { listBackupVaults } from './list-backup-vaults.js';
import { listRecoveryPointsByBackupVault } from './list-recovery-points-by-backup-vault.js';

/** What a Backup handler receives: decoded path labels and the query string. */
export interface BackupInput {
  labels: Record<string, string>;
  query: URLSearchParams;
}

interface Route {
  operation: string;
  method: string;
  path: RegExp;
  handler: Handler<BackupInput>;
}

/** The served operations with the method and pathRegex from the Backup model. */
export const backupRoutes: readonly Route[] = [
  { operation: 'ListBackupVaults', method: 'GET', path: /^\/backup-vaults\/$/, handler: listBackupVaults },
  {
    operation: 'DescribeBackupVault',
    method: 'GET',
    path: /^\/backup-vaults\/(?<backupVaultName>[^/]+)$/,
    handler: describeBackupVault,
  },
  {
    operation: 'ListRecoveryPointsByBackupVault',
    method: 'GET',
    path: /^\/backup-vaults\/(?<backupVaultName>[^/]+)\/recovery-points\/$/,
    handler: listRecoveryPointsByBackupVault,
  },
  {
    operation: 'DescribeRecoveryPoint',
    method: 'GET',
    path: /^\/backup-vaults\/(?<backupVaultName>[^/]+)\/recovery-points\/(?<recoveryPointArn>[^/]+)$/,
    handler: describeRecoveryPoint,
  },
];

/**
 * The AWS Backup service. botocore sends the model's trailing slashes (`/backup-vaults/`) but
 * the JS SDK v3 Smithy model has none (`/backup-vaults`), so a path without one also tries the
 * slashed form; the method still tells operations apart.
 */
export const backupService: EmulatedService = {
  name: 'backup',
  protocol: restJson,
  route(request) {
    const paths = request.path.endsWith('/') ? [request.path] : [request.path, `${request.path}/`];
    for (const path of paths) {
      for (const r of backupRoutes) {
        if (r.method !== request.method) continue;
        const labels = matchPath(path, r.path);
        if (labels)
          return {
            operation: r.operation,
            vaultName: labels.backupVaultName,
            run: (ctx) => r.handler({ labels, query: request.query }, ctx),
          };
      }
    }
    return undefined;
  },
};
