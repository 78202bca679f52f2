export { AlertSignalSwitch } from './AlertSignalSwitch';
export { PinnedAlerts } from './PinnedAlerts';
