import type { Db } from '../open';

export interface Migration {
  /** user_version after this migration ran; 1, 2, 3 ... without gaps. */
  version: number;
  name: string;
  /** SQL run inside one transaction with the user_version bump. */
  up: string;
  /** Work SQL alone cannot say, run after `up` in the same transaction. */
  run?: (db: Db) => void;
}
