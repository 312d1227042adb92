/** The first import cycle in a file graph, as the chain of names (first name repeated at the end). */
export function findImportCycle(
  names: Iterable<string>,
  importsOf: (name: string) => readonly string[],
): string[] | undefined {
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (name: string): string[] | undefined => {
    if (done.has(name)) return undefined;
    if (onPath.has(name)) return [...path.slice(path.indexOf(name)), name];
    onPath.add(name);
    path.push(name);
    for (const dep of importsOf(name)) {
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    path.pop();
    onPath.delete(name);
    done.add(name);
    return undefined;
  };
  for (const name of names) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return undefined;
}
