/**
 * Holds each load process at a named mark until all have reached it, then reads the server's stats
 * once and lets them all go on: the measured window starts and ends together for every worker.
 */
export class MarkBarrier {
  readonly #waiting = new Map<string, (() => void)[]>();

  constructor(
    private readonly parties: number,
    private readonly onAll: (name: string) => Promise<void>,
  ) {}

  async arrive(name: string, release: () => void): Promise<void> {
    const waiting = this.#waiting.get(name) ?? [];
    waiting.push(release);
    this.#waiting.set(name, waiting);
    if (waiting.length < this.parties) return;
    this.#waiting.delete(name);
    await this.onAll(name);
    for (const go of waiting) go();
  }
}
