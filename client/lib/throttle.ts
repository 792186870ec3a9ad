/** Calls `fn` at most once per `ms`, always with the latest arguments; the
 * trailing call fires so the last position is never lost. */
export function throttle<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: A | null = null;
  const fire = (): void => {
    timer = null;
    last = Date.now();
    if (pending) {
      const args = pending;
      pending = null;
      fn(...args);
    }
  };
  const throttled = (...args: A): void => {
    pending = args;
    const wait = ms - (Date.now() - last);
    if (wait <= 0) fire();
    else if (!timer) timer = setTimeout(fire, wait);
  };
  throttled.cancel = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    pending = null;
  };
  return throttled;
}

/**
 * Calls `fn` once on the next animation frame however often it is asked
 * before then: a burst of Yjs events becomes one recomputation per frame.
 */
export function oncePerFrame(fn: () => void): (() => void) & { cancel(): void } {
  let frame = 0;
  const schedule = (): void => {
    if (!frame)
      frame = requestAnimationFrame(() => {
        frame = 0;
        fn();
      });
  };
  schedule.cancel = (): void => {
    cancelAnimationFrame(frame);
    frame = 0;
  };
  return schedule;
}
