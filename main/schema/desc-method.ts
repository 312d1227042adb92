import type { DescMethod, Registry } from '@bufbuild/protobuf';
import { toMethodPath } from '../../shared/request/document.js';

/**
 * A method's descriptor in a registry, for what needs the descriptor itself (describe text, the
 * files a recording stores); `/pkg.Svc/M`, `pkg.Svc/M` and `pkg.Svc.M` name the same method, as
 * in the one lookupMethod of shared/schema/methods.ts that finds methods in a schema model.
 */
export function descMethodOf(registry: Registry, symbol: string): DescMethod | undefined {
  const path = toMethodPath(symbol);
  if (!path) return undefined;
  const cut = path.lastIndexOf('/');
  const service = registry.getService(path.slice(1, cut));
  return service?.methods.find((m) => m.name === path.slice(cut + 1));
}
