import Typography from '@mui/material/Typography';
import { DateField, Labeled, Show, SimpleShowLayout, TextField, useRecordContext } from 'react-admin';
import { ReferralActions } from './ReferralActions';
import { ReferralStatusField } from './ReferralStatusField';
import type { Referral } from './types';

/** Only the details the resident agreed to share with this organisation; each view is audited. */
const SharedDetails = () => {
  const record = useRecordContext<Referral>();
  if (!record) return null;
  if (record.consent?.withdrawn || record.status === 'withdrawn') return <Typography color="error">相談者が同意を取り消したため、個人情報は表示できません。以後の利用もできません。</Typography>;
  return (
    <Labeled label="相談者が提供に同意した情報">
      <div>
        {(record.details ?? []).map((d) => (
          <Typography key={d.field} variant="body2">
            {d.label}: <strong>{d.value}</strong>
          </Typography>
        ))}
        {record.details?.length === 0 && <Typography variant="body2">（入力されていません）</Typography>}
      </div>
    </Labeled>
  );
};

export const ReferralShow = () => (
  <Show title="紹介の詳細">
    <SimpleShowLayout>
      <ReferralStatusField label="状態" />
      <TextField source="reason" label="紹介の理由" />
      <DateField source="sentAt" label="紹介日時" showTime />
      <DateField source="acknowledgeDueAt" label="受付期限" showTime />
      <DateField source="contactDueAt" label="初回連絡期限" showTime />
      <SharedDetails />
      <TextField source="declineReason" label="お断りの理由" emptyText="—" />
      <TextField source="outcome" label="結果" emptyText="—" />
      <ReferralActions />
    </SimpleShowLayout>
  </Show>
);
