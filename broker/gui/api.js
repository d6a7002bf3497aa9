// The GUI's only door to the core: read-only JSON under /ui/api with the operator's token as a
// bearer header, and the live event stream over fetch (EventSource cannot send headers).

const TOKEN_KEY = 'tps.adminToken';

export class ApiError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set token(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
};

/** @param {string} path @param {string} [token] */
export async function getJson(path, token = session.token ?? '') {
  const res = await fetch(`/ui/api${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) {
    let detail = res.statusText;
    try {
      const problem = await res.json();
      detail = problem.detail ?? problem.title ?? detail;
    } catch {
      // not problem+json
    }
    throw new ApiError(res.status, detail);
  }
  return res.json();
}

/**
 * Follows /ui/api/events; calls onEvent(name, data) per event and onState('live'|'reconnecting')
 * on (re)connection changes; reconnects after a pause. Returns a stop function.
 * @param {(name: string, data: any) => void} onEvent
 * @param {(state: 'live' | 'reconnecting' | 'unauthorised') => void} onState
 */
export function followEvents(onEvent, onState) {
  let stopped = false;
  let controller = new AbortController();
  const run = async () => {
    while (!stopped) {
      try {
        const res = await fetch('/ui/api/events', { headers: { authorization: `Bearer ${session.token ?? ''}`, accept: 'text/event-stream' }, signal: controller.signal, cache: 'no-store' });
        if (res.status === 401) {
          onState('unauthorised');
          return;
        }
        if (!res.ok || !res.body) throw new Error(`event stream: HTTP ${res.status}`);
        onState('live');
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            let name = 'message';
            const data = [];
            for (const line of frame.split('\n')) {
              if (line.startsWith('event:')) name = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).trim());
            }
            if (data.length) onEvent(name, JSON.parse(data.join('\n')));
          }
        }
      } catch (err) {
        if (stopped) return;
        console.warn('TPS GUI: event stream interrupted', err);
      }
      if (stopped) return;
      onState('reconnecting');
      await new Promise((r) => setTimeout(r, 3000));
    }
  };
  run();
  return () => {
    stopped = true;
    controller.abort();
    controller = new AbortController();
  };
}
