import type { ReactNode } from "react";

/**
 * A wide table's own horizontal scroll on a narrow screen, instead of a page wider than the
 * phone. Focusable and named, so a keyboard can scroll it too (axe: scrollable-region-focusable).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="scroll-x" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
