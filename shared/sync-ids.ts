import { z } from 'zod';

/** Hub-owned rows: hub-assigned integer ids, sent as decimal strings. */
export const HubId = z.string().regex(/^[1-9]\d{0,15}$/, 'expected a hub id');
/** Device-created rows: UUIDs made on the desk. */
export const DeviceRowId = z.string().uuid();
export const DeviceId = z.string().min(8).max(64).regex(/^[\w-]+$/);
