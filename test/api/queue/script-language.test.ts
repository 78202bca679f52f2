import { guessLanguage } from '../../../api/queue/script-language';

describe('language hint of a queued message', () => {
  it.each([
    ['夜になると、さみしくなります。', 'ja'],
    ['死にたい', 'ja'],
    ['我很孤独', 'zh'],
    ['너무 외로워요', 'ko'],
    ['ฉันอยากตาย', 'th'],
    ['Tôi cảm thấy cô đơn', 'vi'],
    ['I feel so alone tonight', 'en'],
    ['Estoy muy sola y no tengo a nadie', 'es'],
    ['Saya tidak ingin hidup lagi', 'id'],
    ['Ich bin allein', 'other'],
    ['', null],
  ])('%s → %s', (text, expected) => {
    expect(guessLanguage(text)).toBe(expected);
  });
});
