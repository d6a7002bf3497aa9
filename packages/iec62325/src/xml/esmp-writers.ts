import { CODING_SCHEME, PSR_TYPE, type QuantityUnit, type Resolution } from '../codes/market-codes.js';
import type { AssetCapabilities, MarketParticipant, Reason } from '../model/common.types.js';
import type { TimeInterval } from '../time/esmp-time.js';
import { wattsToQuantity } from '../units/watts.js';
import type { XmlWriter } from './xml-writer.js';

// Writers for the ESMP building blocks shared by the documents.
export const EIC_SCHEME = { name: 'codingScheme', value: CODING_SCHEME.eic } as const;
export const GSRN_SCHEME = { name: 'codingScheme', value: CODING_SCHEME.gs1 } as const;

export function writeParty(w: XmlWriter, role: 'sender' | 'receiver', party: MarketParticipant): void {
  w.leaf(`${role}_MarketParticipant.mRID`, party.mRID, EIC_SCHEME);
  w.leaf(`${role}_MarketParticipant.marketRole.type`, party.role);
}

/**
 * The header most project and schedule documents share, in schema order (mirror of
 * readStandardHeader): mRID, revisionNumber, type, process.processType, sender, receiver,
 * createdDateTime.
 */
export function writeStandardHeader(
  w: XmlWriter,
  doc: { mRID: string; revisionNumber: number; sender: MarketParticipant; receiver: MarketParticipant; createdDateTime: string },
  type: string,
  processType: string,
): XmlWriter {
  w.leaf('mRID', doc.mRID).leaf('revisionNumber', String(doc.revisionNumber)).leaf('type', type).leaf('process.processType', processType);
  writeParty(w, 'sender', doc.sender);
  writeParty(w, 'receiver', doc.receiver);
  return w.leaf('createdDateTime', doc.createdDateTime);
}

export function writeInterval(w: XmlWriter, name: string, interval: TimeInterval): void {
  w.open(name).leaf('start', interval.start).leaf('end', interval.end).close(name);
}

/** A Series_Period: interval, resolution and one Point per value, positions 1..n. */
export function writePeriod(
  w: XmlWriter,
  name: string,
  interval: TimeInterval,
  resolution: Resolution,
  pointsW: readonly number[],
  unit: QuantityUnit,
): void {
  w.open(name);
  writeInterval(w, 'timeInterval', interval);
  w.leaf('resolution', resolution);
  for (let i = 0; i < pointsW.length; i++) {
    w.open('Point')
      .leaf('position', String(i + 1))
      .leaf('quantity', wattsToQuantity(pointsW[i] as number, unit))
      .close('Point');
  }
  w.close(name);
}

export function writeReasons(w: XmlWriter, reasons: readonly Reason[]): void {
  for (const reason of reasons) {
    w.open('Reason').leaf('code', reason.code);
    if (reason.text !== undefined) w.leaf('text', reason.text);
    w.close('Reason');
  }
}

/** F4 capabilities: psrType A04 generation, A05 load, A03 both; each maximum only with its capability. */
export function writeCapabilities(w: XmlWriter, asset: AssetCapabilities, unit: QuantityUnit): void {
  const psr = asset.produces && asset.consumes ? PSR_TYPE.resourceObject : asset.produces ? PSR_TYPE.generation : PSR_TYPE.load;
  w.leaf('pSRType.psrType', psr);
  if (asset.produces) w.leaf('maximumProduction_Quantity.quantity', wattsToQuantity(asset.maxProductionW, unit));
  if (asset.consumes) w.leaf('maximumConsumption_Quantity.quantity', wattsToQuantity(asset.maxConsumptionW, unit));
}
