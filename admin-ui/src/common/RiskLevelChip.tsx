import { Chip, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { RiskLevel } from '../consultations/types';

// Calm by default; only high and imminent use strong colours.
const LOOK: Record<RiskLevel, Pick<ChipProps, 'color' | 'variant'>> = {
  none: { color: 'default', variant: 'outlined' },
  low: { color: 'info', variant: 'outlined' },
  medium: { color: 'warning', variant: 'outlined' },
  high: { color: 'error', variant: 'outlined' },
  imminent: { color: 'error', variant: 'filled' },
};

export const RiskLevelChip = ({ level, prefix = false }: { level: RiskLevel; prefix?: boolean }) => {
  const translate = useTranslate();
  const name = translate(`yorisoi.risk.${level}`, { _: level });
  return <Chip size="small" {...(LOOK[level] ?? LOOK.none)} label={prefix ? translate('yorisoi.riskChip', { level: name }) : name} />;
};

/** For list columns: the risk level in `source` of the current record. */
export const RiskLevelField = ({ source }: { source: string }) => {
  const record = useRecordContext();
  const level = record?.[source] as RiskLevel | undefined;
  return level ? <RiskLevelChip level={level} /> : null;
};
