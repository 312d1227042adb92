import { WorkbenchError, type ErrorCode } from '../../../shared/contract/errors.js';

/** The contract code a user can act on, for each errno-like reason. */
function codeFor(errno: string): ErrorCode {
  switch (errno) {
    case 'ENOENT':
      return 'not_found';
    case 'EEXIST':
    case 'EINVAL':
    case 'ENOTDIR':
    case 'ECORRUPT':
    case 'ENOTREG': // a FIFO, a device or a folder where a file should be (safe-read.ts)
      return 'invalid_input';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'EOUTSIDE': // a path that leads out of the workspace through a symlink (inside.ts)
      return 'forbidden';
    default:
      return 'unavailable';
  }
}

/**
 * A failure the user can act on: says what and where (file, line, field path). It carries the
 * contract code it crosses the wire with (the router maps every WorkbenchError once) and the
 * errno-like reason (`details.errno`).
 */
export class WorkspaceError extends WorkbenchError {
  override readonly name = 'WorkspaceError';
  /** An errno code (ENOSPC, EFBIG, ENOENT…) or one of ours (EEXIST, EINVAL, ECORRUPT, ENOTREG, EOUTSIDE). */
  readonly errno: string;

  constructor(message: string, errno = 'EINVAL') {
    super(codeFor(errno), message, { errno });
    this.errno = errno;
  }
}
