import EventNoteIcon from '@mui/icons-material/EventNote';
import type { ResourceProps } from 'react-admin';
import { TodayList } from './TodayList';

/** 今日の予定: served by /api/follow-ups/today (see providers/dataProvider.ts). */
export const followUps: ResourceProps = {
  name: 'follow-ups',
  list: TodayList,
  icon: EventNoteIcon,
};
