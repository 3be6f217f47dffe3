/** Time and timers, behind an interface so tests drive revocation and outage timing without waiting. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimer(callback: () => void, ms: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

/** Opaque to callers: whatever the clock's setTimer returned. */
export type TimerHandle = unknown;

/** The real clock. Its timers are unref'd: a verifier polling its change log never keeps a process alive on its own. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(callback: () => void, ms: number): TimerHandle {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return timer;
  },
  clearTimer(handle: TimerHandle): void {
    clearTimeout(handle as NodeJS.Timeout);
  }
};
