import type { Finding, Gap } from '../core/types.js';
import type { FindingSink } from '../scan/scan-types.js';

/**
 * Keeps the findings a person must act on (everything but PASS) for the console report, up to a
 * cap so memory stays bounded; counts what it had to leave out.
 */
export class RetainingSink implements FindingSink {
  readonly passes = false;
  readonly retained: Finding[] = [];
  omitted = 0;

  constructor(private readonly cap = 10_000) {}

  /** The retained findings in the shape the console report takes. */
  asRetained(): { findings: Finding[]; omitted: number } {
    return { findings: this.retained, omitted: this.omitted };
  }

  write(finding: Finding): void {
    if (finding.status === 'PASS') return;
    if (this.retained.length < this.cap) this.retained.push(finding);
    else this.omitted += 1;
  }
}

/** Sends each finding to several sinks. */
export class TeeSink implements FindingSink {
  readonly passes: boolean;

  constructor(private readonly sinks: FindingSink[]) {
    this.passes = sinks.some((sink) => sink.passes !== false);
  }

  write(finding: Finding): void {
    for (const sink of this.sinks)
      if (finding.status !== 'PASS' || sink.passes !== false) sink.write(finding);
  }

  gap(gap: Gap): void {
    for (const sink of this.sinks) sink.gap?.(gap);
  }
}
