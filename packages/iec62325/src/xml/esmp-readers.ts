import { PSR_TYPE, type MarketRole, type QuantityUnit, type Resolution } from '../codes/market-codes.js';
import type { ReasonCode } from '../codes/reason-codes.js';
import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';
import type { AssetCapabilities, MarketParticipant, Reason } from '../model/common.types.js';
import type { TimeInterval } from '../time/esmp-time.js';
import { quantityToWatts } from '../units/watts.js';
import { ElementCursor } from './element-cursor.js';

// Readers for the ESMP building blocks, over a tree the profile has validated: code values are
// already restricted to the profile's enumerations, so they are narrowed by type assertion.
export function readParty(c: ElementCursor, role: 'sender' | 'receiver'): MarketParticipant {
  const mRID = c.text(`${role}_MarketParticipant.mRID`, false);
  return { mRID, role: c.text(`${role}_MarketParticipant.marketRole.type`) as MarketRole };
}

/**
 * The header most project and schedule documents share, read in schema order: mRID,
 * revisionNumber, type, process.processType, sender, receiver, createdDateTime.
 */
export function readStandardHeader(c: ElementCursor): { mRID: string; revisionNumber: number; sender: MarketParticipant; receiver: MarketParticipant; createdDateTime: string } {
  const mRID = c.text('mRID', false);
  const revisionNumber = Number(c.text('revisionNumber', false));
  c.element('type');
  c.element('process.processType');
  const sender = readParty(c, 'sender');
  const receiver = readParty(c, 'receiver');
  const createdDateTime = c.text('createdDateTime');
  return { mRID, revisionNumber, sender, receiver, createdDateTime };
}

export function readInterval(c: ElementCursor, name: string): TimeInterval {
  const interval = c.cursor(name);
  return { start: interval.text('start', false), end: interval.text('end', false) };
}

export interface ReadPeriod {
  interval: TimeInterval;
  resolution: Resolution;
  pointsW: number[];
}

/** quantityToWatts with the point's field path added to its error (kept out of the hot loop). */
function quantityAt(text: string, unit: QuantityUnit, path: string, index: number): number {
  try {
    return quantityToWatts(text, unit);
  } catch (error) {
    if (error instanceof DocumentError) throw new DocumentError(error.code, error.message, { field: `${path}/Point[${index + 1}]/quantity`, reasonCode: error.reasonCode });
    throw error;
  }
}

/** A Series_Period; positions must run 1..n in order (curveType A01: no gaps, no repeats). */
export function readPeriod(c: ElementCursor, unit: QuantityUnit): ReadPeriod {
  const interval = readInterval(c, 'timeInterval');
  const resolution = c.text('resolution') as Resolution;
  const points = c.elements('Point');
  const pointsW = new Array<number>(points.length);
  // The hot loop of every series: plain property access; field paths are built only for errors.
  for (let i = 0; i < points.length; i++) {
    const children = points[i]!.children;
    const position = children[0];
    const quantity = children[1];
    if (position === undefined || quantity === undefined || position.name !== 'position' || quantity.name !== 'quantity') {
      throw new DocumentError(DocumentErrorCode.SchemaInvalid, 'expected position and quantity', { field: `${c.path}/Point[${i + 1}]`, reasonCode: 'A69' });
    }
    if (Number(position.text) !== i + 1) {
      throw new DocumentError(DocumentErrorCode.InvalidPositions, `position ${position.text.trim()} where ${i + 1} was expected`, { field: `${c.path}/Point[${i + 1}]/position` });
    }
    pointsW[i] = quantityAt(quantity.text, unit, c.path, i);
  }
  return { interval, resolution, pointsW };
}

export function readReasons(c: ElementCursor): Reason[] {
  return c.elements('Reason').map((element, i) => {
    const reason = new ElementCursor(element, `${c.path}/Reason[${i + 1}]`);
    const code = reason.text('code') as ReasonCode;
    const text = reason.optionalText('text', false);
    return text === undefined ? { code } : { code, text };
  });
}

/** F4 capabilities from psrType and the maxima present (they must agree). */
export function readCapabilities(c: ElementCursor, unit: QuantityUnit): AssetCapabilities {
  const psr = c.text('pSRType.psrType');
  const production = c.optionalText('maximumProduction_Quantity.quantity');
  const consumption = c.optionalText('maximumConsumption_Quantity.quantity');
  const produces = psr !== PSR_TYPE.load;
  const consumes = psr !== PSR_TYPE.generation;
  if ((production !== undefined) !== produces || (consumption !== undefined) !== consumes) {
    throw new DocumentError(DocumentErrorCode.InvalidContent, `psrType ${psr} does not match the maxima given`, { field: `${c.path}/pSRType.psrType`, reasonCode: 'A69' });
  }
  return {
    produces,
    consumes,
    maxProductionW: production === undefined ? 0 : quantityToWatts(production, unit, `${c.path}/maximumProduction_Quantity.quantity`),
    maxConsumptionW: consumption === undefined ? 0 : quantityToWatts(consumption, unit, `${c.path}/maximumConsumption_Quantity.quantity`),
  };
}
