import { Box, Button, ButtonGroup, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { type Period, PRESETS, presetPeriod } from './periods';

/** From and to dates (Tokyo), and the presets 今月 / 先月 / 今年度. */
export const PeriodPicker = ({ value, onChange }: { value: Period; onChange: (p: Period) => void }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1.5 }}>
      <TextField
        type="date"
        size="small"
        label={translate('reports.period.from')}
        value={value.from}
        onChange={(e) => onChange({ ...value, from: e.target.value })}
        sx={{ width: 170 }}
        slotProps={{ inputLabel: { shrink: true } }}
      />
      <Box component="span" aria-hidden>
        〜
      </Box>
      <TextField
        type="date"
        size="small"
        label={translate('reports.period.to')}
        value={value.to}
        onChange={(e) => onChange({ ...value, to: e.target.value })}
        sx={{ width: 170 }}
        slotProps={{ inputLabel: { shrink: true } }}
      />
      <ButtonGroup size="small" variant="outlined" aria-label={translate('reports.period.presets')}>
        {PRESETS.map((preset) => (
          <Button key={preset} onClick={() => onChange(presetPeriod(preset, Date.now()))}>
            {translate(`reports.period.${preset}`)}
          </Button>
        ))}
      </ButtonGroup>
    </Box>
  );
};
