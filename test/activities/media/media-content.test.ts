import { baseContentType, isInlineImage, judgeContent, MAX_MEDIA_BYTES } from '../../../activities/media/media-content';
import { samplePng } from '../../../api/simulator/sample-image';

describe('which content residents send is kept', () => {
  it('keeps images whose first bytes match their type, and listed files', () => {
    expect(judgeContent('image/png', samplePng())).toBe('stored');
    expect(judgeContent('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('stored');
    expect(judgeContent('application/pdf', Buffer.from('%PDF-1.7'))).toBe('stored');
  });

  it('refuses a disguised image, unlisted types and anything over the limit', () => {
    expect(judgeContent('image/png', Buffer.from('<svg onload=alert(1)>'))).toBe('unsupported');
    expect(judgeContent('text/html', Buffer.from('<html>'))).toBe('unsupported');
    expect(judgeContent('image/svg+xml', Buffer.from('<svg/>'))).toBe('unsupported');
    expect(judgeContent('image/png', Buffer.concat([samplePng(), Buffer.alloc(MAX_MEDIA_BYTES)]))).toBe('too_large');
  });

  it('reads the media type without parameters and renders only checked image types inline', () => {
    expect(baseContentType('Image/PNG; charset=binary')).toBe('image/png');
    expect(baseContentType(null)).toBe('');
    expect(['image/png', 'image/webp', 'application/pdf', 'text/plain'].map(isInlineImage)).toEqual([true, true, false, false]);
  });
});
