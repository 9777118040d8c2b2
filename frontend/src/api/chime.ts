/**
 * chime plays a soft tone through Web Audio: two sine notes fading in and
 * out, so the end of a reflection is noticed without startling. No sound
 * file is needed, and a page without audio stays silent.
 */
export function chime(): void {
  const Ctx = (window as unknown as { AudioContext?: typeof AudioContext }).AudioContext;
  if (!Ctx) return;
  const ctx = new Ctx();
  const notes = [659.25, 523.25]; // E5 then C5
  notes.forEach((freq, i) => {
    const start = ctx.currentTime + i * 0.6;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(0.15, start + 0.08);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 1.6);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + 1.7);
  });
  setTimeout(() => void ctx.close().catch(() => {}), 3000);
}
