/** The devices the hub knows: each is registered to the one user who first pushed from it. */
import { HubFailure } from './errors';
import type { Q } from './store/types';

/**
 * How far the hub has applied this device's mutations (0 for a device it has not seen yet).
 * 403 when the device is registered to another user: one desk database belongs to one user.
 */
export async function deviceProgress(q: Q, deviceId: string, userId: number): Promise<number> {
  const dev = await q.get<{ user_id: number; last_mutation_id: number }>('SELECT user_id, last_mutation_id FROM devices WHERE device_id = ?', [deviceId]);
  if (dev && Number(dev.user_id) !== userId) throw new HubFailure('FORBIDDEN', 'This device is registered to another user.');
  return dev ? Number(dev.last_mutation_id) : 0;
}
