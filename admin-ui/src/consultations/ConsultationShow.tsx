import { Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { Loading, ShowBase, Title, useShowContext, useTranslate } from 'react-admin';
import { FollowUpPanel } from '../follow-ups/FollowUpPanel';
import { HandoverPanel } from '../handover/HandoverPanel';
import { CaseReferralsPanel } from '../referrals/CaseReferralsPanel';
import { AlertsPanel } from './AlertsPanel';
import { ConsultationHeader } from './ConsultationHeader';
import { ConsultationTimeline } from './ConsultationTimeline';
import { IntakePanel } from './IntakePanel';
import { NotesPanel } from './NotesPanel';
import { ReplyArea } from './ReplyArea';
import { RiskPanel } from './RiskPanel';
import type { Consultation } from './types';

/** 相談詳細: the conversation on the left (or on top, on narrow screens), the case around it on the right. */
const ConsultationPage = () => {
  const translate = useTranslate();
  const { record, isPending } = useShowContext<Consultation>();
  if (!record) return isPending ? <Loading /> : null;

  return (
    <Box sx={{ mt: 1, mb: 2 }}>
      <Title title={translate('yorisoi.consultation.title', { code: record.residentCode })} />
      <ConsultationHeader consultation={record} />
      <Box sx={{ display: 'grid', gap: 2, alignItems: 'start', gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'minmax(0, 3fr) minmax(280px, 2fr)' } }}>
        <Card variant="outlined" component="section" aria-labelledby="timeline-title">
          <CardContent sx={{ '&:last-child': { pb: 2 } }}>
            <Typography id="timeline-title" component="h2" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
              {translate('yorisoi.consultation.timeline')}
            </Typography>
            <ConsultationTimeline consultationId={record.id} />
            <ReplyArea consultation={record} />
          </CardContent>
        </Card>
        <Stack spacing={2}>
          <AlertsPanel alerts={record.alerts} />
          <RiskPanel consultation={record} />
          <HandoverPanel consultationId={record.id} />
          <IntakePanel labels={record.intakeLabels} language={record.residentLanguage} />
          <FollowUpPanel consultationId={String(record.id)} />
          <CaseReferralsPanel consultationId={record.id} closed={record.status === 'closed'} />
          <NotesPanel consultation={record} />
        </Stack>
      </Box>
    </Box>
  );
};

export const ConsultationShow = () => (
  <ShowBase>
    <ConsultationPage />
  </ShowBase>
);
