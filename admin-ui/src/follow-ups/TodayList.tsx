import { Chip } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { Button, DataTable, List, RecordContextProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { ConsultationLinkField } from '../consultations/ConsultationLinkField';
import { errorMessage } from '../consultations/useConsultationAction';
import { httpClient } from '../providers/httpClient';
import type { FollowUpTask } from './types';

const DueField = () => {
  const record = useRecordContext<FollowUpTask>();
  const translate = useTranslate();
  if (!record) return null;
  return record.overdue ? <Chip size="small" color="error" variant="outlined" label={translate('workbench.followUps.overdue', { day: record.dueOn })} /> : <>{record.dueOn}</>;
};

const CompleteButton = () => {
  const record = useRecordContext<FollowUpTask>();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const translate = useTranslate();
  if (!record) return null;
  const complete = async () => {
    try {
      await httpClient(`/api/follow-ups/${encodeURIComponent(record.id)}/complete`, { method: 'POST', body: {} });
      notify('workbench.followUps.completed', { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['follow-ups'] });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    }
  };
  return <Button label="workbench.followUps.complete" aria-label={translate('workbench.followUps.completeNamed', { title: record.title })} onClick={(event) => (event.stopPropagation(), void complete())} />;
};

/** 今日の予定: open follow-ups due today or earlier (own cases; supervisors every case). */
export const TodayList = () => (
  <List pagination={false} exporter={false} empty={false}>
    <DataTable<FollowUpTask> rowClick={(_id, _resource, record) => `/consultations/${encodeURIComponent(record.consultationId)}/show`} bulkActionButtons={false}>
      <DataTable.Col source="dueOn" disableSort>
        <DueField />
      </DataTable.Col>
      <DataTable.Col source="residentCode" disableSort>
        <ConsultationLinkFieldOfTask />
      </DataTable.Col>
      <DataTable.Col source="title" disableSort />
      <DataTable.Col source="createdByName" disableSort />
      <DataTable.Col disableSort>
        <CompleteButton />
      </DataTable.Col>
    </DataTable>
  </List>
);

/** The case link, from a task row (ConsultationLinkField reads `id` as the case). */
function ConsultationLinkFieldOfTask() {
  const record = useRecordContext<FollowUpTask>();
  if (!record) return null;
  return (
    <RecordContextProvider value={{ id: record.consultationId, residentCode: record.residentCode }}>
      <ConsultationLinkField />
    </RecordContextProvider>
  );
}
