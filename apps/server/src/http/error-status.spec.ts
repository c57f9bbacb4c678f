import { CommonErrorCode, ValidationFailedError } from '@fa/shared';
import { NotificationsError, NotificationsErrorCode } from '@fa/notifications';
import { ProgramsError, ProgramsErrorCode } from '@fa/programs';
import { IdentityError, IdentityErrorCode } from '@fa/identity';
import { AuditExportsError, AuditExportsErrorCode } from '@fa/audit-exports';
import { commonCodeOfStatus, commonStatus, httpStatusOf } from './error-status';

describe(httpStatusOf.name, () => {
  it('gives every code of every context an HTTP error status', () => {
    for (const code of Object.values(ProgramsErrorCode)) expect(httpStatusOf(new ProgramsError(code, 'x'))).toBeGreaterThanOrEqual(400);
    for (const code of Object.values(NotificationsErrorCode)) expect(httpStatusOf(new NotificationsError(code, 'x'))).toBeGreaterThanOrEqual(400);
    for (const code of Object.values(IdentityErrorCode)) expect(httpStatusOf(new IdentityError(code, 'x'))).toBeGreaterThanOrEqual(400);
    for (const code of Object.values(AuditExportsErrorCode)) expect(httpStatusOf(new AuditExportsError(code, 'x'))).toBeGreaterThanOrEqual(400);
    for (const code of Object.values(CommonErrorCode)) expect(commonStatus(code)).toBeGreaterThanOrEqual(400);
  });

  it('maps the codes a client acts on to the statuses it expects', () => {
    expect(httpStatusOf(ProgramsError.programNotFound('X'))).toBe(404);
    expect(httpStatusOf(new ValidationFailedError([]))).toBe(400);
    expect(httpStatusOf(new NotificationsError(NotificationsErrorCode.INVALID_RECIPIENT, 'x'))).toBe(400);
  });

  it('names bare framework statuses with a common code', () => {
    expect(commonCodeOfStatus(413)).toBe(CommonErrorCode.PAYLOAD_TOO_LARGE);
    expect(commonCodeOfStatus(415)).toBe(CommonErrorCode.UNSUPPORTED_MEDIA_TYPE);
    expect(commonCodeOfStatus(502)).toBe(CommonErrorCode.INTERNAL_ERROR);
  });
});
