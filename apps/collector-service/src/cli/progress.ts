import type { CliIO } from './io.js';

/** A one-line progress display on a terminal; silent otherwise (logs carry the details). */
export class Progress {
  readonly #io: CliIO;
  readonly #total: number | undefined;
  #done = 0;
  #failed = 0;

  constructor(io: CliIO, total?: number) {
    this.#io = io;
    this.#total = total;
  }

  tick(failed: boolean): void {
    this.#done += 1;
    if (failed) this.#failed += 1;
    if (!this.#io.isTTY) return;
    const failures = this.#failed > 0 ? `, ${this.#failed} failed` : '';
    if (this.#total === undefined) {
      process.stderr.write(`\r${this.#done} periods${failures}   `);
      return;
    }
    const width = 30;
    const filled = Math.round((this.#done / Math.max(1, this.#total)) * width);
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.#done}/${this.#total} periods${failures}   `,
    );
  }

  end(): void {
    if (this.#io.isTTY && this.#done > 0) process.stderr.write('\n');
  }
}
