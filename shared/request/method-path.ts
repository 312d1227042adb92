// Method paths, without zod: the renderer bundle imports these at run time and must stay free of
// the schema library (it costs the page a long task at load).

/** `/package.Service/Method`. */
export const METHOD_PATH = /^\/[^/\s]+\/[^/\s]+$/;

/** The method's own name: `/pkg.Svc/GetUser` → `GetUser`. */
export function methodName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * `pkg.Svc/M`, `/pkg.Svc/M` and `pkg.Svc.M` (grpcurl accepts all three) → `/pkg.Svc/M`, or
 * undefined when the text names no method.
 */
export function toMethodPath(symbol: string): string | undefined {
  const name = symbol.trim().replace(/^[/.]/, '');
  const slash = name.lastIndexOf('/');
  const cut = slash !== -1 ? slash : name.lastIndexOf('.');
  if (cut <= 0 || cut === name.length - 1) return undefined;
  const path = `/${name.slice(0, cut)}/${name.slice(cut + 1)}`;
  return METHOD_PATH.test(path) ? path : undefined;
}
