/**
 * A tooltip on a button that opens a drawer or dialog is held shut while that overlay is open.
 * The hover that led to the click would otherwise open the tip a moment after the overlay, over
 * it; and antd closes overlays on Escape newest first, so that tip would take the Escape meant for
 * the drawer (seen in CI: the sync drawer stayed open).
 */
export function shutWhileOpen(overlayOpen: boolean): { open?: false } {
  return overlayOpen ? { open: false } : {};
}
