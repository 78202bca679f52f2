import { Box, Link, Typography } from '@mui/material';
import { useTranslate, type Identifier } from 'react-admin';
import type { ConsultationMedia } from './types';

const INLINE_IMAGES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

const size = (bytes: number | null) => (bytes === null ? '' : bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/**
 * An image or file the resident sent. The bytes are fetched by the browser from the API, which checks
 * the reader may see the case and audits the read; an image is shown, anything else offered as a file.
 */
export const MessageMedia = ({ consultationId, media }: { consultationId: Identifier; media: ConsultationMedia }) => {
  const translate = useTranslate();
  if (media.status !== 'stored') {
    return (
      <Typography component="span" variant="body2" color="text.secondary" data-media-status={media.status}>
        {translate(`yorisoi.consultation.media.${media.status}`)}
      </Typography>
    );
  }
  const url = `/api/consultations/${encodeURIComponent(String(consultationId))}/media/${encodeURIComponent(media.id)}`;
  if (media.contentType && INLINE_IMAGES.includes(media.contentType)) {
    return (
      <Link href={url} target="_blank" rel="noopener" sx={{ display: 'block', mt: 0.5 }}>
        <Box component="img" src={url} alt={translate('yorisoi.consultation.media.imageAlt')} loading="lazy" sx={{ display: 'block', maxWidth: 240, maxHeight: 240, borderRadius: 1 }} />
      </Link>
    );
  }
  return (
    <Link href={url} download sx={{ display: 'block', mt: 0.5 }}>
      {translate('yorisoi.consultation.media.download', { size: size(media.bytes) })}
    </Link>
  );
};
