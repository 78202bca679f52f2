export { systemCheckWorkflow } from './system-check/system-check-workflow';
