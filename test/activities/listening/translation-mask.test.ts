import { maskForTranslation, maskPersonalData } from '../../../activities/listening/pii-mask';

describe('masking personal details for machine translation', () => {
  it('hides the same details as the listening mask, as numbered placeholders put back after translation', () => {
    const text = '私は山田です。電話は090-1234-5678、メールは hanako@example.jp です';
    const { masked, unmask } = maskForTranslation(text);
    expect(masked).toBe('私は⟦3⟧です。電話は⟦2⟧、メールは ⟦1⟧ です');
    expect(maskPersonalData(text)).toBe('私は[名前]です。電話は[電話番号]、メールは [メール] です');
    expect(unmask('Tôi là ⟦3⟧. Điện thoại ⟦2⟧, email ⟦1⟧')).toBe('Tôi là 山田. Điện thoại 090-1234-5678, email hanako@example.jp');
  });

  it('refuses a translation that dropped, repeated or invented a placeholder', () => {
    const { unmask } = maskForTranslation('Số của tôi là 090-1234-5678');
    expect(unmask('My number is')).toBeUndefined();
    expect(unmask('My number is ⟦1⟧ ⟦1⟧')).toBeUndefined();
    expect(unmask('My number is ⟦1⟧ ⟦2⟧')).toBeUndefined();
    expect(unmask('My number is ⟦1⟧')).toBe('My number is 090-1234-5678');
  });
});
