import type { LightElement } from '../xml/light-tree.js';
import type { ConnectionPointRegistrationDocument } from '../model/registration-documents.types.js';
import { ElementCursor } from '../xml/element-cursor.js';
import { readStandardHeader } from '../xml/esmp-readers.js';
import { POINT_ACTION_STATUS } from './connection-point-registration.builder.js';
import { checkConnectionPointRegistration } from './connection-point-registration.checks.js';

const ACTION_OF_STATUS = new Map(Object.entries(POINT_ACTION_STATUS).map(([action, status]) => [status as string, action as 'add' | 'remove']));

/** Reads a profile-valid ConnectionPointRegistration_MarketDocument and applies the F4 rules. */
export function readConnectionPointRegistration(root: LightElement): ConnectionPointRegistrationDocument {
  const c = new ElementCursor(root, 'ConnectionPointRegistration_MarketDocument');
  const { mRID, revisionNumber, sender, receiver, createdDateTime } = readStandardHeader(c);
  const dso = c.text('systemOperator_MarketParticipant.mRID', false);
  const connectionPoints = c.elements('MarketEvaluationPoint').map((element, i) => {
    const p = new ElementCursor(element, `${c.path}/MarketEvaluationPoint[${i + 1}]`);
    const connectionPoint = p.text('mRID', false);
    return { connectionPoint, action: ACTION_OF_STATUS.get(p.text('action_Status.value')) as 'add' | 'remove' };
  });
  const doc: ConnectionPointRegistrationDocument = { mRID, revisionNumber, sender, receiver, createdDateTime, dso, connectionPoints };
  checkConnectionPointRegistration(doc);
  return doc;
}
