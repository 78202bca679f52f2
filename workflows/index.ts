export { consultationWorkflow } from './consultation/consultation-workflow';
export { systemCheckWorkflow } from './system-check/system-check-workflow';
export { referralWorkflow } from './referral/referral-workflow';
export { retentionWorkflow } from './retention/retention-workflow';
export { checkInWorkflow } from './check-ins/check-in-workflow';
export { residentMenuWorkflow } from './resident-menu/resident-menu-workflow';
