import { BooleanInput, DateInput, SelectInput } from 'react-admin';
import { CONSULTATION_STATUSES, RISK_LEVELS } from './types';

const statusChoices = CONSULTATION_STATUSES.map((id) => ({ id, name: `yorisoi.consultationStatus.${id}` }));
const riskChoices = RISK_LEVELS.map((id) => ({ id, name: `yorisoi.risk.${id}` }));
const answeredByChoices = ['ai-only', 'with-staff'].map((id) => ({ id, name: `yorisoi.answeredBy.${id}` }));

// A switch turned off means "no filter", not "only cases that are not mine".
const onOnly = { format: (value: unknown) => value === true, parse: (value: boolean) => (value ? true : undefined) };

export const consultationFilters = [
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
  <SelectInput key="riskLevel" source="riskLevel" choices={riskChoices} alwaysOn />,
  <BooleanInput key="assignedToMe" source="assignedToMe" alwaysOn {...onOnly} />,
  <BooleanInput key="waiting" source="waiting" alwaysOn {...onOnly} />,
  <DateInput key="openedFrom" source="openedFrom" />,
  <DateInput key="openedTo" source="openedTo" />,
  <SelectInput key="answeredBy" source="answeredBy" choices={answeredByChoices} />,
];
