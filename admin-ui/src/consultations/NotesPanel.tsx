import { useState } from 'react';
import { Box, Button, TextField, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatShortDateTime } from '../common/formatDateTime';
import { Panel } from '../common/Panel';
import type { Consultation } from './types';
import { useConsultationAction } from './useConsultationAction';

/** Staff notes on the case: never sent to the resident. */
export const NotesPanel = ({ consultation }: { consultation: Consultation }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [text, setText] = useState('');
  const { run, isPending } = useConsultationAction(consultation.id);
  const add = () => run('notes', { text: text.trim() }, { success: 'yorisoi.consultation.noteAdded', onSuccess: () => setText('') });

  return (
    <Panel title={translate('yorisoi.consultation.notes')}>
      {consultation.notes.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('yorisoi.consultation.noNotes')}
        </Typography>
      ) : (
        <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 1 }}>
          {consultation.notes.map((note) => (
            <Box component="li" key={note.id}>
              <Typography variant="caption" color="text.secondary">
                {formatShortDateTime(note.at, locale)}・{note.staffName ?? '—'}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                {note.text}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
      <Box component="form" sx={{ mt: 1.5, display: 'flex', flexDirection: 'column', gap: 1, alignItems: 'flex-end' }} onSubmit={(event) => (event.preventDefault(), add())}>
        <TextField label={translate('yorisoi.consultation.newNote')} value={text} onChange={(event) => setText(event.target.value)} multiline minRows={2} fullWidth size="small" />
        <Button type="submit" size="small" variant="outlined" disabled={isPending || text.trim() === ''}>
          {translate('yorisoi.consultation.addNote')}
        </Button>
      </Box>
    </Panel>
  );
};
