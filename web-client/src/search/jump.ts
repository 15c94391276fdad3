/**
 * Brings the message a search result points at (`?message=ID` in the address) into view once the
 * discussion has rendered it, and marks it for a moment. It looks for the chat's `li[data-id]`; a
 * message older than the loaded history is reached by the discussion, which loads pages back to it
 * (ChatController.reveal); a message gone or unreadable leaves the channel simply open.
 */
export function messageFromAddress(search: string): string | null {
  const id = new URLSearchParams(search).get('message');
  return id && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}

export function jumpToMessage(id: string, timeoutMs = 30_000): () => void {
  const selector = `li[data-id="${id}"]`;
  let done = false;
  const found = (): boolean => {
    const el = document.querySelector(selector);
    if (!(el instanceof HTMLElement)) return false;
    done = true;
    el.scrollIntoView({ block: 'center' });
    el.classList.add('search-target');
    setTimeout(() => el.classList.remove('search-target'), 4000);
    return true;
  };
  if (found()) return () => {};
  const observer = new MutationObserver(() => {
    if (!done && found()) stop();
  });
  const timer = setTimeout(() => stop(), timeoutMs);
  function stop() {
    observer.disconnect();
    clearTimeout(timer);
  }
  observer.observe(document.body, { childList: true, subtree: true });
  return stop;
}
