/**
 * Runs at most `size` tasks at once, in the order added. Tasks not yet started can be
 * dropped (Cancel); started ones always finish. `onIdle` runs whenever the last task ends.
 */
export class Pool<K> {
  private waiting: { key: K; task: () => Promise<void> }[] = [];
  private running = 0;

  constructor(
    private readonly size: number,
    private readonly onIdle: () => void = () => {},
  ) {}

  get busy(): boolean {
    return this.running > 0 || this.waiting.length > 0;
  }

  add(key: K, task: () => Promise<void>) {
    this.waiting.push({ key, task });
    this.next();
  }

  /** Drops the waiting tasks `which` picks (all by default); returns their keys. */
  drop(which: (key: K) => boolean = () => true): K[] {
    const dropped = this.waiting.filter((entry) => which(entry.key)).map((entry) => entry.key);
    this.waiting = this.waiting.filter((entry) => !which(entry.key));
    if (dropped.length > 0 && !this.busy) this.onIdle();
    return dropped;
  }

  private next() {
    while (this.running < this.size) {
      const entry = this.waiting.shift();
      if (!entry) return;
      this.running++;
      entry
        .task()
        .catch(() => {})
        .finally(() => {
          this.running--;
          this.next();
          if (!this.busy) this.onIdle();
        });
    }
  }
}
