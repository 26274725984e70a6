import { useLayoutEffect, useRef, type ReactNode } from "react";

/**
 * A table's region. On a wide screen, the table as it is (scrolling sideways on its own if it
 * must, focusable and named so a keyboard can scroll it: axe's scrollable-region-focusable).
 * On a phone (styles.css) every row becomes a card of "column: value" lines instead: each cell
 * gets its column's header as `data-label`, kept up to date as rows come and go.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    const labelCells = () => {
      for (const table of root.querySelectorAll("table")) {
        const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent?.trim() ?? "");
        for (const row of table.querySelectorAll("tbody tr")) {
          [...row.children].forEach((cell, i) => {
            const header = headers[i] ?? "";
            if (cell.getAttribute("data-label") !== header) cell.setAttribute("data-label", header);
          });
        }
      }
    };
    labelCells();
    // Only rows and cells coming and going matter (attributes are not watched, so this never loops).
    const observer = new MutationObserver(labelCells);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="scroll-x" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
