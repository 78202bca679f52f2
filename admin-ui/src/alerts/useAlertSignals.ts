import { useEffect, useRef } from 'react';
import { useRedirect, useTranslate } from 'react-admin';
import { playAlertChime, primeAlertAudio } from './alertChime';
import type { PinnedAlert } from './types';
import { useAlertSignalsEnabled } from './useAlertSignalsEnabled';

/** While an alert waits for acknowledgement, the chime sounds again this often. */
const REMIND_EVERY_MS = 60_000;

/**
 * Sound and desktop notification for each crisis alert that arrives while the dashboard is open
 * (alerts already pending when it opens are in the banner and get the reminder chime).
 */
export function useAlertSignals(alerts: PinnedAlert[] | undefined): void {
  const [enabled] = useAlertSignalsEnabled();
  const translate = useTranslate();
  const redirect = useRedirect();
  const seen = useRef<Set<string> | null>(null);

  // Browsers let audio start only after a gesture on the page: any first click or key press will do.
  useEffect(() => {
    const prime = () => primeAlertAudio();
    document.addEventListener('pointerdown', prime, { once: true });
    document.addEventListener('keydown', prime, { once: true });
    return () => {
      document.removeEventListener('pointerdown', prime);
      document.removeEventListener('keydown', prime);
    };
  }, []);

  useEffect(() => {
    if (!alerts) return;
    if (seen.current === null) {
      seen.current = new Set(alerts.map((a) => a.id));
      return;
    }
    const known = seen.current;
    const fresh = alerts.filter((a) => !known.has(a.id));
    for (const alert of fresh) known.add(alert.id);
    if (!enabled || fresh.length === 0) return;
    playAlertChime();
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    for (const alert of fresh) {
      const level = translate(`yorisoi.risk.${alert.level ?? 'high'}`);
      // The resident's code only: a notification can show on a locked screen, so never any words.
      const notification = new Notification(translate('alerts.notification.title', { level }), {
        body: translate('alerts.notification.body', { code: alert.residentCode }),
        tag: alert.id,
        requireInteraction: true,
      });
      notification.onclick = () => {
        window.focus();
        redirect(`/consultations/${encodeURIComponent(alert.consultationId)}/show`);
        notification.close();
      };
    }
  }, [alerts, enabled, translate, redirect]);

  const pending = (alerts?.length ?? 0) > 0;
  useEffect(() => {
    if (!enabled || !pending) return;
    const timer = setInterval(playAlertChime, REMIND_EVERY_MS);
    return () => clearInterval(timer);
  }, [enabled, pending]);
}
