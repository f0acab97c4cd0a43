/**
 * Scrolls the nearest scrolling panel (marked `data-scroll-panel`), never the window, so that `element` sits
 * in the panel's upper third; nothing moves when it is in sight already.
 */
export function scrollIntoPanel(element: HTMLElement): void {
    const panel = element.parentElement?.closest<HTMLElement>("[data-scroll-panel]");
    if (!panel) return;
    const box = panel.getBoundingClientRect();
    const target = element.getBoundingClientRect();
    if (target.top >= box.top && target.bottom <= box.bottom) return;
    panel.scrollTo({ top: panel.scrollTop + target.top - box.top - panel.clientHeight / 3 });
}
