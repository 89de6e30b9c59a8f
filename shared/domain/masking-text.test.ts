import { describe, expect, it } from 'vitest';
import { maskPersonalText } from './masking';

describe('maskPersonalText', () => {
  it('masks ID, card and mobile numbers inside Chinese text and JSON', () => {
    expect(maskPersonalText('客户张三身份证110105198807074321，手机13812345678，卡号6222020200112233445还款'))
      .toBe('客户张三身份证110105********4321，手机138****5678，卡号6222 **** **** 3445还款');
    expect(maskPersonalText('{"phone":"+86 13912345678","id":"11010519900307123X"}')).toBe('{"phone":"139****5678","id":"110105********123X"}');
  });

  it('leaves ids, amounts, dates and hashes alone', () => {
    const s = 'case 123456 saved 1000000 fen on 2026-03-10T02:00:00.000Z, hash a1b2c3d4e5f60718293a4b5c6d7e8f90, uuid 0191f0c2-7a1b-7c3d-8e4f-123456789012';
    expect(maskPersonalText(s)).toBe(s);
    expect(maskPersonalText('12345678901234567890123')).toBe('12345678901234567890123'); // too long for any of them
  });
});
