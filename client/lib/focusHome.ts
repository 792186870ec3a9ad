/**
 * Where keyboard focus goes when what held it disappears with nothing to
 * return to (the first join dialog, opened on page load): the first control
 * of the view's "home" region (the board's toolbar, the phone's write box),
 * never the page body.
 */
const HOME = '[data-focus-home]';

const FOCUSABLE = 'button:not([disabled]), textarea:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex="0"]';

export function focusHome(): boolean {
  for (const region of document.querySelectorAll<HTMLElement>(HOME)) {
    const target = region.matches(FOCUSABLE) ? region : region.querySelector<HTMLElement>(FOCUSABLE);
    if (target) {
      target.focus();
      return true;
    }
  }
  return false;
}
