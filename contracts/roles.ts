/** Who signs in to the admin app. Access rules per route live in api/auth/roles.ts. */
export const ROLES = ['admin', 'supervisor', 'staff', 'partner', 'official'] as const;
export type Role = (typeof ROLES)[number];
