// Watches for a person at the window: any key, click, touch, wheel or
// pointer movement counts as use. After `minutes` without use it calls
// `onIdle` (the window then locks), and again only after as many minutes
// more without use.

const USE_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'focusin'] as const;

export interface IdleWatch {
  /** Counts from now again (after the window is unlocked). */
  reset(): void;
  /** Stops watching (signed out). */
  stop(): void;
}

/** Starts watching `target` (the window); `now` is for tests. */
export function watchIdle(
  minutes: () => number,
  onIdle: () => void,
  target: Window = window,
  now: () => number = () => Date.now(),
): IdleWatch {
  let last = now();
  const used = () => {
    last = now();
  };
  for (const name of USE_EVENTS) target.addEventListener(name, used, { passive: true, capture: true });
  const timer = setInterval(() => {
    if (now() - last >= minutes() * 60_000) {
      last = now();
      onIdle();
    }
  }, 5_000);
  return {
    reset() {
      last = now();
    },
    stop() {
      clearInterval(timer);
      for (const name of USE_EVENTS) target.removeEventListener(name, used, { capture: true });
    },
  };
}
