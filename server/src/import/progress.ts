/** A file that cannot be imported, said in one line that names it (and where in it). */
export class ImportError extends Error {
  override name = 'ImportError';
}

/** Where an import tells how far it got, e.g. `comments: 12000`. */
export type Progress = (status: string) => void;
