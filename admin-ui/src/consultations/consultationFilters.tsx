import { BooleanInput, DateInput, SelectInput, TextInput } from 'react-admin';
import { PartnerFilter } from '../referrals/PartnerFilter';
import { StaffFilter } from './StaffFilter';
import { CONSULTATION_STATUSES, RISK_LEVELS } from './types';

const statusChoices = CONSULTATION_STATUSES.map((id) => ({ id, name: `yorisoi.consultationStatus.${id}` }));
const riskChoices = RISK_LEVELS.map((id) => ({ id, name: `yorisoi.risk.${id}` }));
const answeredByChoices = ['ai-only', 'with-staff'].map((id) => ({ id, name: `yorisoi.answeredBy.${id}` }));

// A switch turned off means "no filter", not "only cases that are not mine".
const onOnly = { format: (value: unknown) => value === true, parse: (value: boolean) => (value ? true : undefined) };

export const consultationFilters = [
  <TextInput key="residentCode" source="residentCode" label="workbench.search.residentCode" alwaysOn />,
  // Searches message text of the cases the staff member may read; every such search is audited.
  <TextInput key="text" source="text" label="workbench.search.text" helperText="workbench.search.textHelp" alwaysOn />,
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
  <SelectInput key="riskLevel" source="riskLevel" choices={riskChoices} alwaysOn />,
  <BooleanInput key="assignedToMe" source="assignedToMe" alwaysOn {...onOnly} />,
  <BooleanInput key="waiting" source="waiting" alwaysOn {...onOnly} />,
  <DateInput key="openedFrom" source="openedFrom" />,
  <DateInput key="openedTo" source="openedTo" />,
  <SelectInput key="answeredBy" source="answeredBy" choices={answeredByChoices} />,
  <StaffFilter key="staffId" source="staffId" label="workbench.search.staff" />,
  <PartnerFilter key="partnerId" source="partnerId" label="workbench.search.partner" />,
];
