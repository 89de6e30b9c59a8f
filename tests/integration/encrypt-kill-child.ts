/** Child of encryption.test.ts: prints READY, then opens (and so encrypts) the database in argv[2]. The parent kills it with SIGKILL at a random moment. */
import { openDb } from '../../electron/core/db/open';

const dir = process.argv[2];
if (!dir) throw new Error('usage: encrypt-kill-child DATA_DIR');
process.stdout.write('READY\n');
openDb(dir, { log: () => {} }).close();
process.stdout.write('DONE\n');
