import type { Finding, FindingStatus } from './types.js';

/** Counts per finding status. */
export type StatusCounts = Record<FindingStatus, number>;

/** Counts for one vault, keyed by its ARN in the summary. */
export interface VaultCounts {
  accountId: string;
  region: string;
  backupVaultName: string;
  backupVaultArn: string;
  counts: StatusCounts;
}

/** The report's summary: aggregated on the fly, so memory does not grow with the number of points. */
export interface Summary {
  findings: StatusCounts;
  byRule: Record<string, StatusCounts>;
  byVault: VaultCounts[];
}

/** A fresh zeroed status count. */
export function zeroCounts(): StatusCounts {
  return { PASS: 0, FAIL: 0, ERROR: 0, SKIPPED: 0 };
}

/** What identifies a vault in the summary. */
export interface VaultKey {
  accountId: string;
  region: string;
  backupVaultName: string;
  backupVaultArn: string;
}

/** Aggregates findings into a Summary as they stream past. */
export class SummaryBuilder {
  private readonly totals = zeroCounts();
  private readonly rules = new Map<string, StatusCounts>();
  private readonly vaults = new Map<string, VaultCounts>();

  add(finding: Finding): void {
    this.count(finding.ruleId, finding.status, finding);
  }

  /** Count one verdict (or `points` alike) without building a Finding for it. */
  count(ruleId: string, status: FindingStatus, vault: VaultKey, points = 1): void {
    this.totals[status] += points;
    let rule = this.rules.get(ruleId);
    if (!rule) this.rules.set(ruleId, (rule = zeroCounts()));
    rule[status] += points;
    this.vaultEntry(vault).counts[status] += points;
  }

  /** Make sure a vault appears in the summary even when it yielded no finding (empty or unreadable). */
  noteVault(vault: {
    accountId: string;
    region: string;
    backupVaultName: string;
    backupVaultArn: string;
  }): void {
    this.vaultEntry(vault);
  }

  /** The summary, with vaults in a stable order. */
  result(): Summary {
    const byVault = [...this.vaults.values()].sort(
      (a, b) =>
        a.accountId.localeCompare(b.accountId) ||
        a.region.localeCompare(b.region) ||
        a.backupVaultName.localeCompare(b.backupVaultName),
    );
    const byRule = Object.fromEntries([...this.rules].sort(([a], [b]) => a.localeCompare(b)));
    return { findings: { ...this.totals }, byRule, byVault };
  }

  private vaultEntry(vault: {
    accountId: string;
    region: string;
    backupVaultName: string;
    backupVaultArn: string;
  }): VaultCounts {
    let entry = this.vaults.get(vault.backupVaultArn);
    if (!entry) {
      entry = {
        accountId: vault.accountId,
        region: vault.region,
        backupVaultName: vault.backupVaultName,
        backupVaultArn: vault.backupVaultArn,
        counts: zeroCounts(),
      };
      this.vaults.set(vault.backupVaultArn, entry);
    }
    return entry;
  }
}
