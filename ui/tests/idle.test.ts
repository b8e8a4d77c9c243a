// The window locks after the office's minutes without use: any key or
// pointer use starts the count again.
import { describe, expect, it, vi, afterEach } from 'vitest';
import { watchIdle } from '../src/lib/idle.svelte';

afterEach(() => vi.useRealTimers());

describe('watching for use of the window', () => {
  it('calls onIdle after the minutes without use, and not while someone types', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    const watch = watchIdle(() => 2, onIdle);
    vi.advanceTimersByTime(110_000);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    vi.advanceTimersByTime(110_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(15_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    // Not again at once: only after another two minutes without use.
    vi.advanceTimersByTime(60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(65_000);
    expect(onIdle).toHaveBeenCalledTimes(2);
    watch.stop();
    vi.advanceTimersByTime(600_000);
    expect(onIdle).toHaveBeenCalledTimes(2);
  });

  it('follows a shorter time set by the administrator', () => {
    vi.useFakeTimers();
    let minutes = 15;
    const onIdle = vi.fn();
    const watch = watchIdle(() => minutes, onIdle);
    minutes = 1;
    vi.advanceTimersByTime(65_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    watch.stop();
  });
});
