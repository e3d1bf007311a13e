/** The error of a file calibrate cannot read as a log export. */

/** A file that cannot be read as a log export; `message` says why, and `line` where when it is located. */
export class LogFileError extends Error {
  override name = 'LogFileError';
  constructor(message: string, readonly line?: number) {
    super(message);
  }
}
