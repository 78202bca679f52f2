import { useId, useRef, useState, type KeyboardEvent } from 'react';
import SendIcon from '@mui/icons-material/Send';
import { Alert, Box, Button, Checkbox, FormControlLabel, TextField, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useDataProvider, useNotify, useTranslate, type Identifier } from 'react-admin';
import { CannedReplyButton, matchingReplies, SlashSuggestions, useCannedReplies } from '../canned-replies/CannedReplyPicker';
import type { CannedReply } from '../canned-replies/types';
import { invalidateCases } from '../providers/liveUpdates';
import type { YorisoiDataProvider } from '../providers/dataProvider';
import { newClientMessageId } from './clientMessageId';
import { useReplyDraft } from './replyDraft';
import { errorMessage } from './useConsultationAction';

/**
 * The staff member's reply. Enter sends and Shift+Enter starts a new line (but Enter that confirms
 * a Japanese IME conversion does neither). Each message gets one clientMessageId, kept until it is
 * accepted: a retry after a failure, or a second click, sends the same id and the API ignores the repeat.
 * A reply starting with `/` lists the canned replies matching what follows (Enter takes the first);
 * the 定型文 button lists them all. Either way the text is only inserted, never sent unseen.
 * To a resident in another language, 「翻訳して送信」 sends the machine translation (staff keep their
 * original); when translating fails nothing is sent and staff are asked to send untranslated.
 */
export const ReplyBox = ({
  consultationId,
  foreignLanguage,
  translationAvailable = false,
}: {
  consultationId: Identifier;
  /** The resident's language when it is not Japanese. */
  foreignLanguage?: string;
  translationAvailable?: boolean;
}) => {
  const dataProvider = useDataProvider<YorisoiDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const translate = useTranslate();
  const inputId = useId();
  const [text, setText] = useReplyDraft(String(consultationId));
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState(false);
  const canTranslate = foreignLanguage !== undefined && translationAvailable;
  const [translated, setTranslated] = useState(false);
  const [translationFailed, setTranslationFailed] = useState(false);
  const clientMessageId = useRef<string | null>(null);
  // State updates are not synchronous; the ref stops a second send within the same tick.
  const inFlight = useRef(false);

  const cannedReplies = useCannedReplies(consultationId);
  const slashQuery = text.startsWith('/') ? text.slice(1) : null;
  const slashMatches = slashQuery === null ? [] : matchingReplies(cannedReplies, slashQuery);
  const insert = (reply: CannedReply) => {
    // `/…` is replaced by the reply; otherwise the reply goes on a new line after what is there.
    setText(slashQuery !== null || text === '' ? reply.text : `${text}\n${reply.text}`);
    clientMessageId.current = null;
  };

  const send = async () => {
    const body = text.trim();
    if (!body || inFlight.current) return;
    inFlight.current = true;
    setSending(true);
    clientMessageId.current ??= newClientMessageId();
    try {
      await dataProvider.sendMessage(consultationId, { text: body, clientMessageId: clientMessageId.current, ...(canTranslate && translated ? { translate: true } : {}) });
      clientMessageId.current = null;
      setText('');
      setFailed(false);
      setTranslationFailed(false);
    } catch (error) {
      // A failed translation sent nothing: the same message may go untranslated or be tried again.
      const untranslatable = canTranslate && translated && (error as { status?: number }).status === 503;
      setTranslationFailed(untranslatable);
      setFailed(!untranslatable);
      notify(errorMessage(error), { type: 'error' });
    } finally {
      inFlight.current = false;
      setSending(false);
      invalidateCases(queryClient);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // keyCode 229: some browsers report IME Enter this way instead of isComposing.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    if (slashQuery !== null) {
      if (slashMatches.length > 0) insert(slashMatches[0]);
      return;
    }
    void send();
  };

  return (
    <Box component="form" onSubmit={(event) => (event.preventDefault(), void send())} sx={{ mt: 1.5 }}>
      {failed && (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {translate('yorisoi.consultation.sendFailed')}
        </Alert>
      )}
      {translationFailed && (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {translate('yorisoi.consultation.translationFailed')}
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-end' }}>
        <TextField
          id={inputId}
          label={translate('yorisoi.consultation.replyLabel')}
          placeholder={translate('yorisoi.consultation.replyPlaceholder')}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            // Edited after a failure: it is a different message now.
            clientMessageId.current = null;
          }}
          onKeyDown={onKeyDown}
          slotProps={{ htmlInput: { readOnly: sending, maxLength: 2000 } }}
          multiline
          minRows={2}
          maxRows={8}
          fullWidth
        />
        <Button type="submit" variant="contained" endIcon={<SendIcon />} disabled={sending || text.trim() === '' || slashQuery !== null} sx={{ flexShrink: 0, mb: 0.25 }}>
          {translate(sending ? 'yorisoi.consultation.sending' : 'yorisoi.consultation.send')}
        </Button>
      </Box>
      {foreignLanguage !== undefined &&
        (canTranslate ? (
          <FormControlLabel
            control={<Checkbox size="small" checked={translated} onChange={(event) => setTranslated(event.target.checked)} />}
            label={translate('yorisoi.consultation.sendTranslated', { language: translate(`yorisoi.language.${foreignLanguage}`, { _: foreignLanguage }) })}
          />
        ) : (
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }} data-testid="translation-unavailable">
            {translate('yorisoi.consultation.translationUnavailable')}
          </Typography>
        ))}
      {slashQuery !== null && <SlashSuggestions matches={slashMatches} onPick={insert} />}
      <CannedReplyButton replies={cannedReplies} onPick={insert} />
    </Box>
  );
};
