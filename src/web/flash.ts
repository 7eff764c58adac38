const reducedMotion = () =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * Briefly lights up an element that a live update just changed, so a person sees what moved.
 * Uses the Web Animations API: the element is not re-created, so its inputs keep what was typed.
 */
export function flash(element: Element | null | undefined, tone: 'update' | 'new' = 'update'): void {
  if (!element || typeof (element as HTMLElement).animate !== 'function' || reducedMotion()) return;
  const colour = tone === 'new' ? 'rgba(245, 184, 61, 0.35)' : 'rgba(90, 169, 255, 0.3)';
  (element as HTMLElement).animate([{ backgroundColor: colour }, { backgroundColor: 'transparent' }], {
    duration: 1500,
    easing: 'ease-out',
  });
}
