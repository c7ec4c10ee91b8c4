import cliProgress from 'cli-progress';
import type { ScanProgress } from '../scan/scan-types.js';

/** A live progress line on stderr: accounts, regions, vaults, points judged, rate and ETA. */
export class ProgressDisplay {
  private readonly bar: cliProgress.SingleBar;
  private timer: NodeJS.Timeout | undefined;
  private readonly started = Date.now();

  constructor(private readonly progress: ScanProgress) {
    this.bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
        format:
          '{bar} {percentage}% | accounts {accounts} | regions {regions} | vaults {vaults} | points {value}/{total} | {rate}/s | ETA {etaText}',
      },
      cliProgress.Presets.shades_classic,
    );
  }

  start(): void {
    this.bar.start(1, 0, this.payload());
    this.timer = setInterval(() => this.update(), 250);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.bar.stop();
  }

  private update(): void {
    const p = this.progress;
    // NumberOfRecoveryPoints is an estimate; never let the total fall below what was judged.
    this.bar.setTotal(Math.max(p.pointsEstimated, p.pointsJudged, 1));
    this.bar.update(p.pointsJudged, this.payload());
  }

  private payload(): Record<string, string> {
    const p = this.progress;
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    const rate = p.pointsJudged / seconds;
    const left = Math.max(p.pointsEstimated - p.pointsJudged, 0);
    const eta = rate > 0 && p.pointsEstimated > 0 ? `${Math.ceil(left / rate)}s` : 'estimating';
    return {
      etaText: eta,
      accounts: `${p.accountsDone}/${p.accountsTotal}`,
      regions: `${p.regionsDone}/${p.regionsTotal}`,
      vaults: `${p.vaultsDone}/${p.vaultsTotal}`,
      rate: String(Math.round(rate)),
    };
  }
}
