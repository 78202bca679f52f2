import { Datagrid, DateField, List, TextField } from 'react-admin';
import { ReferralStatusField } from './ReferralStatusField';

/** The partner's own organisation's referrals only (the API filters by the signed-in partner). */
export const ReferralList = () => (
  <List title="紹介一覧" pagination={false} exporter={false}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <DateField source="sentAt" label="紹介日時" showTime />
      <ReferralStatusField label="状態" />
      <TextField source="reason" label="紹介の理由" />
      <DateField source="acknowledgeDueAt" label="受付期限" showTime />
      <DateField source="contactDueAt" label="初回連絡期限" showTime />
    </Datagrid>
  </List>
);
