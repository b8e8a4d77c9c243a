// The width a chart is drawn at: as wide as its box (so its text stays its
// real size), within reason, and a page's width while printing. Both charts
// draw with it; create one while the chart component initialises.
import { flushSync } from 'svelte';

export class ChartWidth {
  /** The plot's box, bound with `bind:this`. */
  box = $state<HTMLElement>();
  #measured = $state(0);
  #printing = $state(false);

  readonly width = $derived.by(() => {
    const base = this.#measured > 0 ? Math.min(760, Math.max(320, this.#measured)) : 640;
    return this.#printing ? Math.min(base, 640) : base;
  });

  constructor() {
    $effect(() => {
      const el = this.box;
      if (!el || typeof ResizeObserver === 'undefined') return;
      const observer = new ResizeObserver((entries) => {
        const w = entries[0]?.contentRect.width ?? 0;
        if (w > 0) this.#measured = Math.round(w);
      });
      observer.observe(el);
      return () => observer.disconnect();
    });
    $effect(() => {
      // Drawn for the page before the print is laid out, not after.
      const before = () => flushSync(() => (this.#printing = true));
      const after = () => (this.#printing = false);
      window.addEventListener('beforeprint', before);
      window.addEventListener('afterprint', after);
      return () => {
        window.removeEventListener('beforeprint', before);
        window.removeEventListener('afterprint', after);
      };
    });
  }
}
