// The real codec: packages/iec62325 builds and parses the documents (schema-checked profiles).
// The endpoint never writes or reads XML itself.
import { buildDocument, parseDocument } from '../../../packages/iec62325/src/index.js';
import type { DsoDocumentCodec } from './codec.js';

export const iec62325Codec: DsoDocumentCodec = {
  build: (doc) => buildDocument(doc),
  parse: (bytes) => {
    const parsed = parseDocument(bytes);
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
