import EventNoteIcon from '@mui/icons-material/EventNote';
import { Badge, IconButton, Tooltip } from '@mui/material';
import { Link } from 'react-router-dom';
import { useGetList, useTranslate } from 'react-admin';

/** The reminder in the app bar: how many follow-ups are due today or overdue, linking to 今日の予定. */
export const TodayBadge = () => {
  const translate = useTranslate();
  // Checked every minute, so a task that falls due while the screen is open shows up.
  const { total } = useGetList('follow-ups', {}, { refetchInterval: 60_000 });
  const count = total ?? 0;
  const label = translate('workbench.followUps.badge', { smart_count: count });
  return (
    <Tooltip title={label}>
      <IconButton component={Link} to="/follow-ups" color="inherit" aria-label={label}>
        <Badge badgeContent={count} color="error">
          <EventNoteIcon />
        </Badge>
      </IconButton>
    </Tooltip>
  );
};
