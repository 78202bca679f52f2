import { useCallback, useState } from 'react';

const PREFIX = 'yorisoi.replyDraft.';

const read = (key: string) => {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
};

const write = (key: string, text: string) => {
  try {
    if (text) localStorage.setItem(key, text);
    else localStorage.removeItem(key);
  } catch {
    // Storage full or disabled: the draft then lives only as long as the page.
  }
};

/**
 * The reply being typed on a case, kept per case in localStorage: switching cases or reloading the
 * page never loses it. Sending clears it; signing out clears all (a shared desk keeps no words).
 */
export function useReplyDraft(consultationId: string): [string, (text: string) => void] {
  const key = `${PREFIX}${consultationId}`;
  const [state, setState] = useState(() => ({ key, text: read(key) }));
  // Another case on the same mounted component: its own draft, read during render.
  const current = state.key === key ? state : { key, text: read(key) };
  if (current !== state) setState(current);
  const setText = useCallback(
    (text: string) => {
      setState({ key, text });
      write(key, text);
    },
    [key],
  );
  return [current.text, setText];
}

export function clearReplyDrafts(): void {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
  } catch {
    // Nothing stored.
  }
}
