import { EntityManager } from 'typeorm';
import { Clock } from '@fa/shared';
import { ApplicationsService, IntakeCaller } from '@fa/intake';
import { AgreementRepository } from './agreement.repository';
import { AgreementRecord } from './agreement.types';

/**
 * A signed agreement is completed when nothing more is to be paid: every tranche paid or
 * cancelled, at least one paid (a payment confirmed last, or a reduction cancelling the
 * tranches still open). Its file, ACTIVE since the first release, is then COMPLETED too.
 */
export async function completeIfAllSettled(
  manager: EntityManager, parts: { agreements: AgreementRepository; applications: ApplicationsService; clock: Clock }, caller: IntakeCaller, agreement: AgreementRecord,
): Promise<boolean> {
  if (agreement.status !== 'SIGNED') return false;
  const tranches = await parts.agreements.tranches(manager, agreement.id);
  const settled = tranches.every((tranche) => tranche.status === 'PAID' || tranche.status === 'CANCELLED');
  if (!settled || !tranches.some((tranche) => tranche.status === 'PAID')) return false;
  await parts.agreements.setStatus(manager, agreement.id, 'COMPLETED', parts.clock.now(), caller.account.id);
  await parts.applications.changeState(manager, caller, agreement.applicationId, 'COMPLETED', null);
  return true;
}
