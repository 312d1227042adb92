// Workspace failures carry errno-like codes (ENOENT, EEXIST, ENOSPC…); here each becomes a
// contract code, keeping the message that names the file and the field.
import { CommandError, type ErrorCode } from '../../shared/contract/index.js';

function codeFor(errno: string): ErrorCode {
  switch (errno) {
    case 'ENOENT':
      return 'not_found';
    case 'EEXIST':
    case 'EINVAL':
    case 'ENOTDIR':
    case 'ECORRUPT':
      return 'invalid_input';
    case 'EACCES':
    case 'EPERM':
      return 'forbidden';
    default:
      return 'unavailable';
  }
}

export function toWorkspaceCommandError(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof CommandError) return error;
  if (error.name === 'WorkspaceError') {
    const errno = String((error as Error & { code?: unknown }).code ?? 'EINVAL');
    return new CommandError(codeFor(errno), error.message, { errno });
  }
  const errno = (error as NodeJS.ErrnoException).code;
  if (typeof errno === 'string' && /^E[A-Z]+$/.test(errno))
    return new CommandError(codeFor(errno), error.message, { errno });
  return error;
}

/** Wraps each handler of a partial handler map. */
export function withWorkspaceErrors<H extends Record<string, (input: never) => unknown>>(
  handlers: H,
): H {
  const out: Record<string, (input: never) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers)) {
    out[name] = async (input) => {
      try {
        return await handler(input);
      } catch (error) {
        throw toWorkspaceCommandError(error);
      }
    };
  }
  return out as H;
}
