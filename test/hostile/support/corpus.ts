// The hostile-input corpus (issue 13): types of the case files and their loaders. Every case file
// names what it proves; the runners turn each into one mocha test citing F1/NF3 and the file.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR = fileURLToPath(new URL('../corpus/', import.meta.url));

/** What parseDocument must throw: the DocumentError code(s) ('A|B' = either) and the 451-1 reason code(s). */
export interface Expectation {
  code: string;
  reasonCodes: string[];
}

export interface XmlCase {
  /** Relative to corpus/xml/. */
  file: string;
  group: 'xml';
  category: string;
  proves: string;
  expect: Expectation;
  /** Envelope business type used when the document is posted to the core. */
  businessType: 'asset-registration' | 'connection-point-registration' | 'asset-list' | 'status-request' | 'schedule' | 'capacity-limit';
}

export interface RestCase {
  name: string;
  group: 'rest';
  requirement: 'F2' | 'NF3' | 'F1';
  category: string;
  proves: string;
  /** Endpoint the call goes to. */
  target: 'agr' | 'dso';
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** May hold placeholders: {{ASSET_B_N1}}, {{SCHEDULE_AGR_B}}, {{LIMIT_DSO_SOUTH}}, {{MSG_AGR_B}}, {{CP_S1}}… */
  path: string;
  /** Header values may hold token placeholders such as {{AGR_A}}, {{DSO_NORTH}}, {{FORGED}}. */
  headers: Record<string, string>;
  /** JSON body (placeholders resolved inside strings), a raw string body, or a generator name. */
  body?: unknown;
  rawBody?: string;
  bodyGenerator?: 'huge-json-5mb' | 'deep-json-100k' | 'wide-assets-1001' | 'huge-string-field';
  expect: { status: number; code: string };
}

export interface MessagingCase {
  name: string;
  group: 'messaging';
  requirement: 'F1' | 'NF3';
  category: string;
  proves: string;
  /** The tampering applied to a real signed envelope carrying a valid asset registration. */
  tamper: string;
  /** FAILED with this reason at the sender; or RECEIVED with a negative business acknowledgement. */
  expect: { transport: 'FAILED'; reason: string } | { transport: 'RECEIVED'; businessAck: 'negative'; reasonCode: string } | { transport: 'RECEIVED-ONCE' } | { transport: 'DEAD-LETTERED' };
}

export function xmlCases(): XmlCase[] {
  return JSON.parse(readFileSync(join(CORPUS_DIR, 'xml', 'manifest.json'), 'utf8')) as XmlCase[];
}

export function xmlBytes(c: XmlCase): Buffer {
  return readFileSync(join(CORPUS_DIR, 'xml', c.file));
}

function jsonDir<T>(dir: string): Array<T & { file: string }> {
  return readdirSync(join(CORPUS_DIR, dir))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ ...(JSON.parse(readFileSync(join(CORPUS_DIR, dir, f), 'utf8')) as T), file: `${dir}/${f}` }));
}

export const restCases = (): Array<RestCase & { file: string }> => jsonDir<RestCase>('rest');
export const messagingCases = (): Array<MessagingCase & { file: string }> => jsonDir<MessagingCase>('messaging');
