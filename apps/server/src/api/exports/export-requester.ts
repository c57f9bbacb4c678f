import type { FastifyRequest } from 'fastify';
import { ExportRequester } from '@fa/audit-exports';
import { Caller, clientAddressOf } from '../../auth/caller';

/** The signed-in person asking for an export, as its manifest and the audit trail record them. */
export function exportRequester(caller: Caller, request: FastifyRequest): ExportRequester {
  return { accountId: caller.account.id, label: caller.account.email, clientAddress: clientAddressOf(request) };
}
