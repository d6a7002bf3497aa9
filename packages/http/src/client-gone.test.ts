import { expect } from 'chai';
import { ClientGone, type AbortSource } from './index.js';

describe('HTTP plumbing: ClientGone, a light abort source for parked requests (F7a wait; issue 14)', () => {
  it('F7a: runs each listener once on abort, in order; removed and late listeners never run', () => {
    const gone = new ClientGone();
    const ran: string[] = [];
    const a = () => ran.push('a');
    const b = () => ran.push('b');
    const c = () => ran.push('c');
    gone.addEventListener('abort', a);
    gone.addEventListener('abort', b);
    gone.addEventListener('abort', c);
    gone.removeEventListener('abort', b);
    expect(gone.aborted).to.equal(false);
    gone.abort();
    gone.abort();
    gone.addEventListener('abort', () => ran.push('late'));
    expect(gone.aborted).to.equal(true);
    expect(ran).to.deep.equal(['a', 'c']);
  });

  it('F7a: a single listener removed before the abort does not run', () => {
    const gone = new ClientGone();
    let ran = 0;
    const l = () => ran++;
    gone.addEventListener('abort', l);
    gone.removeEventListener('abort', l);
    gone.abort();
    expect(ran).to.equal(0);
  });

  it('F7a: an AbortSignal is an AbortSource too (the express route passes one)', () => {
    const controller = new AbortController();
    const source: AbortSource = controller.signal;
    let ran = 0;
    source.addEventListener('abort', () => ran++, { once: true });
    controller.abort();
    expect([source.aborted, ran]).to.deep.equal([true, 1]);
  });

  it('F7a: an object listener has its handleEvent run, on ClientGone and on an AbortSignal alike', () => {
    const ran: string[] = [];
    const listener = (name: string) => ({ handleEvent: () => ran.push(name) });
    const gone = new ClientGone();
    const one = listener('gone-1');
    const removed = listener('gone-removed');
    gone.addEventListener('abort', one);
    gone.addEventListener('abort', removed);
    gone.addEventListener('abort', listener('gone-2'));
    gone.removeEventListener('abort', removed);
    gone.abort();
    const controller = new AbortController();
    const source: AbortSource = controller.signal;
    const kept = listener('signal');
    const dropped = listener('signal-removed');
    source.addEventListener('abort', kept, { once: true });
    source.addEventListener('abort', dropped, { once: true });
    source.removeEventListener('abort', dropped);
    controller.abort();
    expect(ran).to.deep.equal(['gone-1', 'gone-2', 'signal']);
  });
});
