import { SetMetadata } from '@nestjs/common';
import { ROLES, Role } from '@fa/identity';

export const ACCESS_METADATA = 'fa:access';

/** Who may call a route. Every route declares one (a test fails otherwise); none means refused. */
export type AccessRule = { kind: 'public' } | { kind: 'roles'; roles: readonly Role[] };

/** Anyone, signed in or not. */
export const Public = () => SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessRule);

/** A signed-in person holding one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_METADATA, { kind: 'roles', roles } satisfies AccessRule);

/** Any signed-in person, whatever their role. */
export const SignedIn = () => Roles(...ROLES);

export const MULTIPART_CSRF_METADATA = 'fa:multipart-csrf';

/**
 * A portal form sent as multipart/form-data (a file upload): its body is read by the handler,
 * so the CSRF guard lets it through and the handler checks the token with verifyCsrfToken.
 */
export const MultipartCsrf = () => SetMetadata(MULTIPART_CSRF_METADATA, true);
