import { crisisLinesText, emergencyText, planRiskResponse, selectCrisisLines } from '../../../workflows/safety/risk-response';
import { loadProfile } from '../../../platform/config/profile';
import { EXAMPLE_PROFILE } from '../../helpers/test-stack';

const lines = loadProfile(EXAMPLE_PROFILE).crisisLines;

describe('risk level → response', () => {
  it('answers normally below medium, and escalates step by step above', () => {
    expect(planRiskResponse('low')).toEqual({ emergencyFirst: false, acknowledgeWeight: false, crisisLines: false, urgent: false, escalateIfUnacknowledged: false });
    expect(planRiskResponse('medium')).toMatchObject({ acknowledgeWeight: true, crisisLines: false, urgent: false });
    expect(planRiskResponse('high')).toMatchObject({ crisisLines: true, urgent: true, emergencyFirst: false, escalateIfUnacknowledged: false });
    expect(planRiskResponse('imminent')).toMatchObject({ emergencyFirst: true, crisisLines: true, urgent: true, escalateIfUnacknowledged: true });
  });

  it('gives 189 for child abuse, the DV line for DV, and suicide-prevention lines for ideation', () => {
    expect(selectCrisisLines(lines, ['abuse']).map((l) => l.phone)[0]).toBe('189');
    expect(selectCrisisLines(lines, ['dv']).map((l) => l.phone)[0]).toBe('0120-279-889');
    const suicide = selectCrisisLines(lines, ['suicidal-ideation']).map((l) => l.phone);
    expect(suicide).toContain('0120-783-556');
    expect(suicide).not.toContain('189');
  });

  it('writes lines and emergency guidance only with numbers from the profile', () => {
    const text = crisisLinesText(selectCrisisLines(lines, ['self-harm']));
    const numbers = text.match(/[#\d][\d-]{2,}/g) ?? [];
    expect(numbers.every((n) => lines.some((l) => l.phone === n))).toBe(true);
    expect(emergencyText({ ambulance: '119', police: '110' })).toMatch(/119.*110/s);
  });
});
