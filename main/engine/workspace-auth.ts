// What the auth of a call needs from the open workspace: its texts substituted by the same
// substitution as the rest of the request (the texts travel as string messages of a request).
import type { RequestDocument } from '../../shared/request/document.js';
import { newRequest } from '../../shared/request/new-request.js';
import type { Substituted } from '../auth/index.js';
import type { Workspace } from '../workspace/index.js';

export async function substituteTexts(
  workspace: Workspace,
  request: RequestDocument,
  texts: string[],
  environment: string | undefined,
): Promise<Substituted> {
  const prepared = await workspace.prepare(
    { ...newRequest(request.connection), messages: texts },
    environment,
  );
  return {
    values: prepared.request.messages.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))),
    unknown: prepared.unknown.map((u) => ({
      name: u.name,
      index: Number(/^messages\[(\d+)\]/.exec(u.where)?.[1] ?? 0),
    })),
    secrets: prepared.secrets,
  };
}
