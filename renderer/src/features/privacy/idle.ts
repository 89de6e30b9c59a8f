/** When the screen locks: idle since the last input for the team's minutes, never during a live call. */
export function shouldLock(now: number, lastActivity: number, idleMinutes: number, inCall: boolean): boolean {
  return !inCall && now - lastActivity >= idleMinutes * 60_000;
}
