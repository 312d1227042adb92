// "Copy as grpcurl" with secrets included. Merged into `commands`.
//
// Secret values live in the engine; the renderer never holds them. Only when the user asks to
// include secrets does the engine resolve the request as a call would (the environment's variables,
// secret ones too, the auth it inherits from its folders, an OAuth2 token fetched) and answer with
// the command text for that one copy, written by the one grpcurl exporter (shared/grpcurl). The
// renderer puts the text on the clipboard and keeps nothing; nothing of it is logged or kept.
// Without secrets the renderer writes the command itself, a secret staying `{{name}}`.
import { z } from 'zod';
import { workspaceCommands } from './workspace-commands.js';
import { command } from './lazy-command.js';

export const grpcurlCommands = {
  /** The same input as the variables check (workspace.prepare): what a call would be sent with. */
  'export.grpcurlWithSecrets': command(() => ({
    input: workspaceCommands['workspace.prepare'].input,
    output: z.object({
      /** One POSIX-quoted command line, secret values in it. */
      command: z.string(),
      /** What the request holds that grpcurl has no flag for, in words. */
      left: z.array(z.string()),
    }),
  })),
} as const;
