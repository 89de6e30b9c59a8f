import type { Migration } from './types';

/**
 * Placeholder: number 13 belongs to another change (issue 9, another branch). It keeps the
 * versions gapless on this branch; the merge replaces it with the real migration 013.
 */
export const migration013: Migration = { version: 13, name: 'reserved_013', up: '' };
