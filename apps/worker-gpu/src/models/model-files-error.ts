/** A model's files are missing or are not the pinned ones: the worker refuses to start on them. */
export class ModelFilesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFilesError';
  }
}
