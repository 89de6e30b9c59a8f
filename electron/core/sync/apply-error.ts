/** A page the desk refuses as a whole (nothing of it is applied, the cursor stays). */
export class ApplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApplyError';
  }
}
