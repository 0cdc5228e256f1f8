// The browser's frame clock for the FrameBatcher (kept apart so the batcher
// itself needs no DOM and tests run it on Node with their own scheduler).
import type { FrameScheduler } from './frame-batcher.ts';

export const animationFrameScheduler: FrameScheduler = (callback) => {
  const id = requestAnimationFrame(() => callback());
  return () => cancelAnimationFrame(id);
};
