import { useStore } from 'react-admin';

/** The switch for the alert sound and desktop notification; react-admin's store keeps it in localStorage. */
export const useAlertSignalsEnabled = () => useStore<boolean>('yorisoi.alertSignals', true);
