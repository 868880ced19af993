import { AnalysisLevel, Finding, _rank } from './finding';

/** The findings of one analysis run. */
export class AnalysisReport {
  /** Every finding, suppressed ones included (they carry `suppressedReason`). */
  public readonly findings: Finding[];

  constructor(findings: Finding[]) {
    this.findings = [...findings].sort((a, b) =>
      _rank(b.level) - _rank(a.level) || a.resource.localeCompare(b.resource) || a.code.localeCompare(b.code));
  }

  /** Findings that no suppression silenced. */
  public get active(): Finding[] {
    return this.findings.filter((f) => f.suppressedReason === undefined);
  }

  /** Findings silenced by a suppression, with its reason. */
  public get suppressed(): Finding[] {
    return this.findings.filter((f) => f.suppressedReason !== undefined);
  }

  /** Active findings of the given level. */
  public ofLevel(level: AnalysisLevel): Finding[] {
    return this.active.filter((f) => f.level === level);
  }

  /** True when an active finding is at `level` or more serious. */
  public failsAt(level: AnalysisLevel): boolean {
    return this.active.some((f) => _rank(f.level) >= _rank(level));
  }

  /**
   * One line per finding: `error IST0101 VirtualService ns/name: message Fix: ... [rule: virtualservice/gateway-not-found]`,
   * then a summary line.
   */
  public toText(): string {
    const lines = this.findings.map((f) => {
      const head = `${f.level} ${f.code} ${f.resource}${f.source ? ` (${f.source})` : ''}: ${f.message}`;
      return f.suppressedReason !== undefined ? `suppressed ${head} [reason: ${f.suppressedReason}] [rule: ${f.rule}]` : `${head} Fix: ${f.fix} [rule: ${f.rule}]`;
    });
    const n = (l: AnalysisLevel) => this.ofLevel(l).length;
    lines.push(`${n(AnalysisLevel.ERROR)} error(s), ${n(AnalysisLevel.WARNING)} warning(s), ${n(AnalysisLevel.INFO)} info(s), ${this.suppressed.length} suppressed`);
    return lines.join('\n');
  }

  /** The findings as plain JSON data. */
  public toJson(): any {
    return this.findings.map((f) => ({ ...f }));
  }
}
