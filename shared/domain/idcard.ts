/** GB 11643 check digit of the first 17 digits ('0'-'9' or 'X'). */
export function idCheckDigit(first17: string): string {
  throw new Error('not implemented');
}
/** 18 chars, valid region-ish prefix, real birth date, correct check digit. */
export function isValidChineseId(id: string): boolean {
  throw new Error('not implemented');
}
export function birthDateFromId(id: string): string | null {
  throw new Error('not implemented');
}
/** 17th digit odd = male. */
export function genderFromId(id: string): 'M' | 'F' | null {
  throw new Error('not implemented');
}
