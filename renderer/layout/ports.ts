// The ports the user gave the demo server, the mock server and the capture proxy, remembered
// between sessions with the other preferences (localStorage). 0 or nothing: any free port.
export type PortUse = 'demo' | 'mock' | 'capture';

const key = (use: PortUse): string => `gwb.port.${use}`;

/** A port as typed: 1–65535, or 0 (any free port); undefined when it is not one. */
export function parsePort(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return 0;
  if (!/^\d{1,5}$/.test(t)) return undefined;
  const n = Number(t);
  return n <= 65535 ? n : undefined;
}

export function rememberedPort(use: PortUse): number {
  try {
    return parsePort(localStorage.getItem(key(use)) ?? '') ?? 0;
  } catch {
    return 0;
  }
}

export function rememberPort(use: PortUse, port: number): void {
  try {
    localStorage.setItem(key(use), String(port));
  } catch {
    // not kept: fine
  }
}
