// Running calls belong to the pages that started them: when no page of the web host has been
// attached for a grace period (a reload reattaches within it), the engine's running calls are
// cancelled with a reason, which also closes the recordings being written. Without this, a stream
// started in a browser tab kept running inside `gwb serve` after the tab closed, its recording
// growing, with nothing left to cancel it.

/** How long the host waits for a page to come back before cancelling its calls. */
export const DETACHED_GRACE_MS = 30_000;

export interface PageSessions {
  attached(): void;
  detached(): void;
  close(): void;
}

export function watchPageSessions(opts: {
  graceMs: number;
  /** Cancels the engine's running calls; `reason` becomes their status message. */
  cancelAll(reason: string): void;
}): PageSessions {
  let pages = 0;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const stopTimer = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  const seconds =
    opts.graceMs >= 1000 ? `${Math.round(opts.graceMs / 1000)} s` : `${opts.graceMs} ms`;
  return {
    attached() {
      pages++;
      stopTimer();
    },
    detached() {
      pages = Math.max(0, pages - 1);
      if (pages > 0 || timer || closed) return;
      timer = setTimeout(() => {
        timer = undefined;
        if (pages === 0)
          opts.cancelAll(
            `cancelled by gwb serve: no page of the workbench has been open for ${seconds}`,
          );
      }, opts.graceMs);
      timer.unref();
    },
    close() {
      closed = true;
      stopTimer();
    },
  };
}
