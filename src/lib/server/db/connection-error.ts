/** A problem with the configured database (file or PostgreSQL URL) that the user must fix; its
 * message is one line naming the database and the reason. */
export class DatabaseFileError extends Error {
  override name = 'DatabaseFileError';
}
