import type { Clock, TimerHandle } from '../clock';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/** Lets the real event loop run the promises a timer callback started (a store call answered by a fake). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A clock that moves only when a test says so; timers fire in order as it moves. */
export class FakeClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: Timer[] = [];

  public constructor(start: number = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  public now(): number {
    return this.current;
  }

  public setTimer(callback: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, at: this.current + ms, callback };
    this.timers.push(timer);
    return timer.id;
  }

  public clearTimer(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Moves time forward by `ms`, firing due timers in order and letting their async work finish. */
  public async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) {
        break;
      }
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.callback();
      await settle();
      await settle();
    }
    this.current = target;
    await settle();
  }

  public get pendingTimers(): number {
    return this.timers.length;
  }
}
