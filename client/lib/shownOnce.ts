/**
 * Which events have had their toast. A toast belongs to the event that
 * caused it (a refused vote, a refused edit), not to the component that
 * shows it: when a view switch remounts that component, the same event
 * must not announce itself again.
 */
export class ShownOnce {
  private readonly shown = new WeakSet<object>();

  /** True the first time an event is claimed, false ever after. */
  claim(event: object): boolean {
    if (this.shown.has(event)) return false;
    this.shown.add(event);
    return true;
  }
}

/** One ledger for the whole page: every toast of the app claims its events here. */
export const toastsShown = new ShownOnce();
