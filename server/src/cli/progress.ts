/**
 * The progress line of a long `marginalia check` on a terminal: files done, findings so
 * far, files a second. Nothing is drawn before the run has taken a second (a short run
 * stays silent) nor more often than every 100 ms; the line is cleared at the end, so only
 * the report remains. The CLI makes one only when stderr is a terminal.
 */
export class Progress {
  private done = 0;
  private findings = 0;
  private drawnAt: number | undefined;

  constructor(
    private readonly total: number,
    private readonly write: (s: string) => void,
    private readonly now: () => number = () => performance.now(),
    private readonly started = now(),
  ) {}

  /** One more file done, with this many findings. */
  tick(findings: number): void {
    this.done++;
    this.findings += findings;
    const t = this.now();
    if (t - this.started < 1000 || (this.drawnAt !== undefined && t - this.drawnAt < 100)) return;
    this.drawnAt = t;
    const rate = Math.round(this.done / ((t - this.started) / 1000));
    this.write(`\r\u001b[K${this.done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')} files · ${this.findings.toLocaleString('en-US')} findings · ${rate.toLocaleString('en-US')} files/s`);
  }

  /** Clears the line, if one was drawn. */
  finish(): void {
    if (this.drawnAt !== undefined) this.write('\r\u001b[K');
  }
}
