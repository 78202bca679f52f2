import { TAG_PATTERN } from './tags';

/**
 * A fetch for the OpenAI client that times each call (request to the last byte of the answer) and
 * reports it under the benchmark tag found in the resident's latest message (chat) or input
 * (moderation). Calls without a tag are not reported.
 */
export function timedFetch(report: (tag: string, ms: number) => void): typeof fetch {
  return async (input, init) => {
    const started = performance.now();
    let tag: string | undefined;
    try {
      const body = JSON.parse(String(init?.body ?? '{}')) as { messages?: { role: string; content: unknown }[]; input?: unknown };
      const lastUser = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user');
      tag = JSON.stringify(lastUser?.content ?? body.input ?? '').match(TAG_PATTERN)?.pop();
    } catch {
      // not JSON: not a call we time
    }
    const res = await fetch(input, init);
    const bytes = await res.arrayBuffer();
    if (tag) report(tag, performance.now() - started);
    return new Response(bytes, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}
