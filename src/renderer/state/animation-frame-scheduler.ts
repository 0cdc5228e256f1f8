// The browser's frame clock for the FrameBatcher. The two globals are typed
// here rather than through the DOM lib because the store code is also
// compiled by the Node test config (tests stub the globals).
import type { FrameScheduler } from './frame-batcher.ts';

interface FrameClock {
  requestAnimationFrame(callback: () => void): number;
  cancelAnimationFrame(id: number): void;
}

export const animationFrameScheduler: FrameScheduler = (callback) => {
  const clock = globalThis as unknown as FrameClock;
  const id = clock.requestAnimationFrame(() => callback());
  return () => clock.cancelAnimationFrame(id);
};
