/**
 * Runs page renders a few at a time, most urgent first. pdf.js draws on the main thread after its worker has
 * parsed the page; starting thirty renders at once (a fast scroll, or thumbnails) would delay the page the reader
 * is looking at behind pages that are already off screen. Cancelled work never starts, running work is aborted.
 */
export type RenderJob = (signal: AbortSignal) => Promise<void>;

interface Task {
  priority: number;
  order: number;
  job: RenderJob;
  controller: AbortController;
}

export class RenderScheduler {
  private pending: Task[] = [];
  private running = new Set<Task>();
  private order = 0;

  constructor(private readonly concurrency = 2) {}

  /** Queues `job`; lower `priority` runs first (same priority: first come). Returns a function that cancels it. */
  schedule(priority: number, job: RenderJob): () => void {
    const task: Task = { priority, order: this.order++, job, controller: new AbortController() };
    this.pending.push(task);
    queueMicrotask(() => this.pump());
    return () => {
      task.controller.abort();
      this.pending = this.pending.filter((t) => t !== task);
    };
  }

  get size(): { pending: number; running: number } {
    return { pending: this.pending.length, running: this.running.size };
  }

  /** Cancels everything (the document closes). */
  clear(): void {
    for (const task of [...this.pending, ...this.running]) task.controller.abort();
    this.pending = [];
  }

  private pump(): void {
    while (this.running.size < this.concurrency && this.pending.length > 0) {
      let next = 0;
      for (let i = 1; i < this.pending.length; i++) {
        const a = this.pending[i]!;
        const b = this.pending[next]!;
        if (a.priority < b.priority || (a.priority === b.priority && a.order < b.order)) next = i;
      }
      const [task] = this.pending.splice(next, 1);
      this.running.add(task!);
      task!
        .job(task!.controller.signal)
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(task!);
          this.pump();
        });
    }
  }
}
