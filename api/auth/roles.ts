export const ROLES = ['admin', 'supervisor', 'staff', 'partner', 'official'] as const;
export type Role = (typeof ROLES)[number];

/** Who may call a route: anyone, any signed-in user, or the listed roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

export const STAFF_ROLES: readonly Role[] = ['admin', 'supervisor', 'staff'];
export const ADMIN_ONLY: readonly Role[] = ['admin'];
export const OVERSIGHT: readonly Role[] = ['admin', 'supervisor'];
