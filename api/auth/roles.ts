import type { Role } from '../../contracts/roles';

export { ROLES, type Role } from '../../contracts/roles';

/**
 * Who may call a route: anyone, any signed-in user, the listed roles, or LINE itself (a request
 * signed with the channel secret; no session involved).
 */
export type Access = 'public' | 'line-signature' | 'signed-in' | readonly Role[];

export const STAFF_ROLES: readonly Role[] = ['admin', 'supervisor', 'staff'];
export const ADMIN_ONLY: readonly Role[] = ['admin'];
export const OVERSIGHT: readonly Role[] = ['admin', 'supervisor'];
