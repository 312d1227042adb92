// What the auth of a call needs from the open workspace: its texts substituted by the same
// substitution as the rest of the request (the texts travel as string messages of a request).
// Only the texts' own unknown variables are reported: the connection's are the call's to report.
import type { RequestDocument } from '../../shared/request/document.js';
import { newRequest } from '../../shared/request/new-request.js';
import type { Substituted } from '../auth/index.js';
import type { Workspace } from '../workspace/index.js';
import type { CapturedVariables } from '../workspace/variables/captured.js';

export async function substituteTexts(
  workspace: Workspace,
  request: RequestDocument,
  texts: string[],
  environment: string | undefined,
  captured?: CapturedVariables,
): Promise<Substituted> {
  const prepared = await workspace.prepare(
    { ...newRequest(request.connection), messages: texts },
    environment,
    captured,
  );
  return {
    values: prepared.request.messages.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))),
    unknown: prepared.unknown.flatMap((u) => {
      const index = /^messages\[(\d+)\]/.exec(u.where)?.[1];
      return index === undefined ? [] : [{ name: u.name, index: Number(index) }];
    }),
    secrets: prepared.secrets,
  };
}
