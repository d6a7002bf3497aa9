// NF3 privacy matrix: every identifier in the scenario has a set of parties allowed to see it.
// The scanner reads the raw XML bytes of every document the core sent and reports each
// identifier found in a document whose receiver is not allowed to see it — unless the receiver
// had itself named that identifier before (echoing a party's own words back reveals nothing).
import type { SentDocument } from './recording-messenger.js';

export interface Violation {
  seq: number;
  receiver: string;
  businessType: string;
  token: string;
  label: string;
}

export class PrivacyMatrix {
  private readonly allowed = new Map<string, { parties: Set<string>; label: string }>();
  private readonly mentioned = new Map<string, Set<string>>();

  /** `token` may be seen only by `parties`. */
  restrict(token: string, label: string, parties: readonly string[]): this {
    const entry = this.allowed.get(token) ?? { parties: new Set<string>(), label };
    for (const p of parties) entry.parties.add(p);
    this.allowed.set(token, entry);
    return this;
  }

  /** Records the identifiers a party put into a document it sent (call for every delivery, in order). */
  noteSent(party: string, payload: string): void {
    for (const token of this.allowed.keys()) {
      if (payload.includes(token)) this.mentioned.set(party, (this.mentioned.get(party) ?? new Set()).add(token));
    }
  }

  scan(doc: SentDocument, mentionedBefore: ReadonlyMap<string, ReadonlySet<string>> = this.mentioned): Violation[] {
    const found: Violation[] = [];
    for (const [token, { parties, label }] of this.allowed) {
      if (!doc.payload.includes(token) || parties.has(doc.receiver)) continue;
      if (mentionedBefore.get(doc.receiver)?.has(token)) continue;
      found.push({ seq: doc.seq, receiver: doc.receiver, businessType: doc.businessType, token, label });
    }
    return found;
  }

  snapshotMentioned(): Map<string, Set<string>> {
    return new Map([...this.mentioned].map(([p, s]) => [p, new Set(s)]));
  }
}
