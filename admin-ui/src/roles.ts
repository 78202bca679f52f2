import { ROLES, type Role } from '../../contracts/roles';

export type { Role };

/** Choices for SelectInput / SelectField; react-admin translates the names. */
export const roleChoices = ROLES.map((role) => ({ id: role, name: `yorisoi.roles.${role}` }));

export const canManageStaff = (role: unknown): boolean => role === 'admin';
export const canReadAuditLog = (role: unknown): boolean => role === 'admin' || role === 'supervisor';
/** Who works on cases: the queue, consultations and residents. Partners and officials get their own screens. */
export const canWorkOnCases = (role: unknown): boolean => role === 'admin' || role === 'supervisor' || role === 'staff';
