// Valid-looking inputs for the checks commands, for the router fuzz test to corrupt.
export function checksBases(): Record<'captures.list' | 'captures.clear', Record<string, unknown>> {
  return {
    'captures.list': {},
    'captures.clear': { names: ['token'] },
  };
}
