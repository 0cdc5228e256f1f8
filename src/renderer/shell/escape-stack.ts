// Escape closes the most recently opened popover or drawer, one per press
// (the Keys popover over the inspector drawer over the library drawer), and
// gives focus back to what opened it.
type Closer = () => void;

const open: Closer[] = [];

/** Registers a closer while something is open; returns the unregister. */
export function onEscape(close: Closer): () => void {
  open.push(close);
  return () => {
    const i = open.lastIndexOf(close);
    if (i >= 0) open.splice(i, 1);
  };
}

/** Closes the topmost open thing; false when nothing was open. */
export function closeTopmost(): boolean {
  const close = open.pop();
  close?.();
  return close !== undefined;
}
