// A transport's event subscription opened under the name its client chose
// (the WebSocket's and Electron IPC's subscribeEvents). The server looks the
// run up first, and a networked store answers later: the name is taken while
// it does, and an unsubscribe or a closed connection meanwhile ends the
// subscription as soon as it exists instead of leaking it.
export async function openSubscription(
  slots: Map<string, () => void>,
  name: string,
  open: () => Promise<() => void>,
): Promise<void> {
  let ended = false;
  const placeholder = (): void => {
    ended = true;
  };
  slots.set(name, placeholder);
  let end: () => void;
  try {
    end = await open();
  } catch (error) {
    if (slots.get(name) === placeholder) slots.delete(name);
    throw error;
  }
  if (ended || slots.get(name) !== placeholder) end();
  else slots.set(name, end);
}
