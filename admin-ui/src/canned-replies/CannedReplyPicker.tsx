import ShortTextIcon from '@mui/icons-material/ShortText';
import { Box, Button, Chip, List, ListItemButton, ListItemText, Menu, MenuItem, Paper } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useDataProvider, useTranslate, type Identifier } from 'react-admin';
import type { YorisoiDataProvider } from '../providers/dataProvider';
import type { CannedReply } from './types';

/** The canned replies with placeholders filled for this case (resident code, next opening). */
export function useCannedReplies(consultationId: Identifier): CannedReply[] {
  const dataProvider = useDataProvider<YorisoiDataProvider>();
  const { data } = useQuery({
    queryKey: ['canned-replies', 'for-case', String(consultationId)],
    queryFn: () => dataProvider.getCannedReplies(consultationId),
    select: (answer) => answer.data,
    // The next opening moves with the clock; a minute-old fill is fine.
    staleTime: 60_000,
  });
  return data ?? [];
}

/** Replies whose title or text contains what was typed after `/`. */
export const matchingReplies = (replies: CannedReply[], query: string) => {
  const q = query.trim().toLowerCase();
  return replies.filter((r) => !q || r.title.toLowerCase().includes(q) || r.text.toLowerCase().includes(q));
};

const ReplyLine = ({ reply }: { reply: CannedReply }) => {
  const translate = useTranslate();
  return (
    <ListItemText
      primary={
        <Box component="span" sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          {reply.title}
          <Chip size="small" variant="outlined" label={translate(`yorisoi.language.${reply.language}`, { _: reply.language })} />
        </Box>
      }
      secondary={reply.text}
      slotProps={{ secondary: { noWrap: true } }}
    />
  );
};

/** The 定型文 button beside the reply box: a menu of every canned reply. */
export const CannedReplyButton = ({ replies, onPick }: { replies: CannedReply[]; onPick: (reply: CannedReply) => void }) => {
  const translate = useTranslate();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  return (
    <>
      <Button size="small" startIcon={<ShortTextIcon />} onClick={(event) => setAnchor(event.currentTarget)} aria-haspopup="menu" disabled={replies.length === 0}>
        {translate('workbench.cannedReplies.insert')}
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)} slotProps={{ paper: { sx: { maxWidth: 480 } } }}>
        {replies.map((reply) => (
          <MenuItem
            key={reply.id}
            onClick={() => {
              setAnchor(null);
              onPick(reply);
            }}
          >
            <ReplyLine reply={reply} />
          </MenuItem>
        ))}
      </Menu>
    </>
  );
};

/** While the reply starts with `/`: the matching canned replies; Enter in the box takes the first. */
export const SlashSuggestions = ({ matches, onPick }: { matches: CannedReply[]; onPick: (reply: CannedReply) => void }) => {
  const translate = useTranslate();
  return (
    <Paper variant="outlined" sx={{ mt: 0.5, maxHeight: 240, overflowY: 'auto' }}>
      {matches.length === 0 ? (
        <Box sx={{ p: 1.5, color: 'text.secondary', typography: 'body2' }}>{translate('workbench.cannedReplies.noMatch')}</Box>
      ) : (
        <List dense aria-label={translate('workbench.cannedReplies.suggestions')}>
          {matches.map((reply) => (
            <ListItemButton key={reply.id} onClick={() => onPick(reply)}>
              <ReplyLine reply={reply} />
            </ListItemButton>
          ))}
        </List>
      )}
    </Paper>
  );
};
