// Where dialogs may start: below the tab bar, so a dialog never covers which tab it is about.
// Kept in the CSS variables --dialog-top (used by .overlay in styles.css), --tabbar-bottom,
// --statusbar-height and --main-left (the recording viewer's drawer fits between them), measured
// again whenever the frame changes size (a window resize, a banner above the tabs, the top bar's height).
import { useEffect } from 'react';

const GAP = 8;

/** `ready`: the frame (top bar, tab bar) is on screen. */
export function useDialogTop(ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    const root = document.documentElement;
    const measure = (): void => {
      const tabs = document.querySelector('.tabbar');
      const bottom = tabs ? tabs.getBoundingClientRect().bottom : 0;
      root.style.setProperty('--dialog-top', `${Math.round(bottom + GAP)}px`);
      // Where the tab bar ends: a drawer (the recording viewer) starts there, the tabs above it whole.
      root.style.setProperty('--tabbar-bottom', `${Math.round(bottom)}px`);
      // And where the status bar starts, counted from the window's foot: the drawer ends there.
      const bar = document.querySelector('.statusbar');
      const foot = bar ? window.innerHeight - bar.getBoundingClientRect().top : 0;
      root.style.setProperty('--statusbar-height', `${Math.round(foot)}px`);
      // And where the request and response start: the drawer never covers the sidebar's panel.
      const main = document.querySelector('.main');
      root.style.setProperty(
        '--main-left',
        `${Math.round(main?.getBoundingClientRect().left ?? 0)}px`,
      );
    };
    measure();
    const seen = new ResizeObserver(measure);
    seen.observe(document.body);
    const main = document.querySelector('.main');
    if (main) seen.observe(main);
    for (const el of document.querySelectorAll('.topbar, .tabbar, .session-problem, .statusbar'))
      seen.observe(el);
    // Elements come and go (a banner, the tab bar after the session is read): follow the tree.
    const changes = new MutationObserver(measure);
    if (main) changes.observe(main, { childList: true });
    return () => {
      seen.disconnect();
      changes.disconnect();
    };
  }, [ready]);
}
