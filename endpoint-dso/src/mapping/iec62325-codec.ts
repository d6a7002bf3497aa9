// The real codec: packages/iec62325 builds and parses the documents (schema-checked profiles).
// The endpoint never writes or reads XML itself.
import { buildDocument, parseDocument } from '../../../packages/iec62325/src/index.js';
import type { DsoDocumentCodec } from './codec.js';

/**
 * The largest document the endpoint parses: the mades endpoint's default payload limit (8 MiB),
 * not the parser's 4 MiB default. The core is the only sender and a complete asset list costs
 * ≈ 420 bytes per asset (bench/asset-list-size.ts): at 4 MiB a DSO with more than ≈ 9,980 assets
 * received a list the transport had accepted and the parser then refused, so its mirror never
 * became complete (benchmark 5, 100,000 assets over 10 DSOs). Above ≈ 20,000 assets per DSO a
 * complete list exceeds the transport limit too: docs/endpoint-dso.md, "Asset lists at scale".
 */
export const INBOUND_MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

export const iec62325Codec: DsoDocumentCodec = {
  build: (doc) => buildDocument(doc),
  parse: (bytes) => {
    const parsed = parseDocument(bytes, { maxBytes: INBOUND_MAX_DOCUMENT_BYTES });
    switch (parsed.kind) {
      case 'asset-list':
      case 'schedule':
      case 'capacity-limit':
      case 'acknowledgement':
        return parsed;
      default:
        return { kind: 'other', documentKind: parsed.kind };
    }
  },
};
