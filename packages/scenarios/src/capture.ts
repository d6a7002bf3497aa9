// What crossed the broker, read back: each business document parsed with packages/iec62325
// (profile schema + rules), named NNN-<businessType>-<senderParty>-to-<receiverParty>.xml, and its
// final transport status as carried by the ACK envelopes on the wire.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type DocumentKind, type ParsedDocument } from '../../iec62325/src/index.js';
import type { BrokerTap, TappedMessage } from './tapping-transport.js';

export interface CapturedDocument {
  /** 1..n in publish order. */
  n: number;
  file: string;
  messageId: string;
  businessType: string;
  /** e.g. capacity-limit/grant, capacity-limit/unforeseen (cancelled), acknowledgement/A01. */
  detail: string;
  senderParty: string;
  /** From the document itself (the envelope names components, not parties). */
  receiverParty: string;
  mRID: string;
  revision?: number;
  priority: number;
  /** Transport status on the wire: RECEIVED / FAILED from the receiver's ACK envelope, else DELIVERED. */
  status: string;
  xml: string;
  parsed?: ParsedDocument;
  /** Why the document did not parse (profile schema or rules). */
  invalid?: string;
}

function detailOf(p: ParsedDocument): string {
  switch (p.kind) {
    case 'capacity-limit':
      return `capacity-limit/${p.document.limitType}${p.document.status === 'cancelled' ? ' (cancelled)' : ''}`;
    case 'acknowledgement':
      return `acknowledgement/${p.document.accepted ? 'accepted' : 'rejected'}`;
    case 'status-request':
      return `status-request/${p.document.requested}`;
    default:
      return p.kind;
  }
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9-]/g, '_') || 'unknown';

export function capturedDocuments(tap: BrokerTap): CapturedDocument[] {
  return tap.documents().map((m: TappedMessage, i) => {
    const n = i + 1;
    let parsed: ParsedDocument | undefined;
    let invalid: string | undefined;
    let xml = '';
    try {
      const plain = tap.plaintext(m);
      xml = plain.toString('utf8');
      parsed = parseDocument(plain);
    } catch (err) {
      invalid = err instanceof Error ? err.message : String(err);
    }
    const doc = parsed?.document as { mRID?: string; receiver?: { mRID: string }; revisionNumber?: number } | undefined;
    const receiverParty = doc?.receiver?.mRID ?? 'unknown';
    return {
      n,
      file: `${String(n).padStart(3, '0')}-${safe(m.businessType)}-${safe(m.senderParty)}-to-${safe(receiverParty)}.xml`,
      messageId: m.messageId,
      businessType: m.businessType,
      detail: parsed ? detailOf(parsed) : m.businessType,
      senderParty: m.senderParty,
      receiverParty,
      mRID: doc?.mRID ?? '',
      ...(doc?.revisionNumber !== undefined ? { revision: doc.revisionNumber } : {}),
      priority: m.priority,
      status: tap.statusOf(m.messageId) ?? 'UNKNOWN',
      xml,
      ...(parsed ? { parsed } : {}),
      ...(invalid ? { invalid } : {}),
    };
  });
}

/**
 * Writes every document byte for byte as its receiver read it (decrypted), in order. On the broker
 * the bodies were encrypted: the wire form is not useful to a reader and is not written.
 */
export function writeDocuments(dir: string, tap: BrokerTap, docs: CapturedDocument[]): void {
  mkdirSync(dir, { recursive: true });
  const bodies = tap.documents();
  docs.forEach((d, i) => writeFileSync(join(dir, d.file), tap.plaintext(bodies[i]!)));
}

export function kindOf(d: CapturedDocument): DocumentKind | undefined {
  return d.parsed?.kind;
}
