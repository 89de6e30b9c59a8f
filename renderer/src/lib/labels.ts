import type { BucketId, CaseStatus, PromiseState } from '../../../shared/domain/enums';

/** antd Tag colours shared by the queue and the profile. */
export const BUCKET_COLORS: Record<BucketId, string> = {
  M0: 'default',
  M1_EARLY: 'green',
  M1_MID: 'gold',
  M1_LATE: 'orange',
  M2: 'volcano',
  M3: 'red',
  M4P: 'magenta',
};

export const STATUS_COLORS: Record<CaseStatus, string> = {
  open: 'blue',
  ptp: 'cyan',
  hold: 'warning',
  paid: 'success',
  closed: 'default',
};

export const PROMISE_COLORS: Record<PromiseState, string> = {
  pending: 'processing',
  kept: 'success',
  partial: 'warning',
  broken: 'error',
  cancelled: 'default',
};
