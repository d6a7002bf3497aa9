// Document headers: the DSO speaks for itself to the TPS core (F1: never directly to an AGR/BRP).
import { randomUUID } from 'node:crypto';
import { MARKET_ROLE } from '../../../packages/iec62325/src/codes/market-codes.js';
import { toEsmpDateTime } from '../../../packages/iec62325/src/time/esmp-time.js';
import type { DocumentHeader } from '../../../packages/iec62325/src/model/common.types.js';

export function newDocumentId(): string {
  return randomUUID();
}

export function dsoHeader(dso: string, coreParty: string, mRID: string, now: Date): DocumentHeader {
  return {
    mRID,
    sender: { mRID: dso, role: MARKET_ROLE.dso },
    receiver: { mRID: coreParty, role: MARKET_ROLE.platform },
    createdDateTime: toEsmpDateTime(now),
  };
}
