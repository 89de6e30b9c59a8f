/**
 * The app's database keys: a random key per database, kept beside it wrapped by Electron
 * safeStorage (DPAPI for the signed-in Windows user). Call after app 'ready'.
 */
import { safeStorage } from 'electron';
import { envOrFileKeys, wrappedKeys, type DbKeySource } from '../core/db/key';

export function appDbKeys(warn: (msg: string) => void): DbKeySource {
  if (safeStorage.isEncryptionAvailable()) {
    return wrappedKeys({ encrypt: (plain) => safeStorage.encryptString(plain), decrypt: (wrapped) => safeStorage.decryptString(wrapped) });
  }
  // DPAPI is always there on Windows; a Linux development run without a keyring is not.
  if (process.platform === 'win32') throw new Error('Windows data protection (safeStorage) is unavailable: the database key cannot be protected');
  warn('safeStorage is unavailable on this system: using COLLECTDESK_DB_KEY or a development key file');
  return envOrFileKeys();
}
