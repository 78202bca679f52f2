/**
 * A two-tone chime made with WebAudio, so no audio file is shipped. Browsers keep an AudioContext
 * suspended until the page has had a click or key press; `primeAlertAudio` is called from such a
 * gesture (the switch, or the first click anywhere) so later alerts can sound.
 */
let context: AudioContext | undefined;

function audioContext(): AudioContext | undefined {
  if (typeof AudioContext === 'undefined') return undefined;
  context ??= new AudioContext();
  return context;
}

export function primeAlertAudio(): void {
  void audioContext()?.resume().catch(() => undefined);
}

export function playAlertChime(): void {
  const ctx = audioContext();
  if (!ctx) return;
  void ctx.resume().catch(() => undefined);
  const start = ctx.currentTime + 0.02;
  // Two rising notes, twice: distinct from a phone's ring, loud enough to notice, short.
  [880, 1320, 880, 1320].forEach((frequency, i) => {
    const at = start + i * 0.22;
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.21);
  });
}
