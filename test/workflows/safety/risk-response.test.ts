import {
  carriesCrisisContent,
  crisisLinesText,
  emergencyText,
  planRiskResponse,
  roundTheClockLines,
  safetyTexts,
  selectCrisisLines,
} from '../../../workflows/safety/risk-response';
import { loadProfile } from '../../../platform/config/profile';
import { EXAMPLE_PROFILE } from '../../helpers/test-stack';

const profile = loadProfile(EXAMPLE_PROFILE);
const lines = profile.crisisLines;
const numbersIn = (text: string) => text.match(/[#\d][\d-]{2,}/g) ?? [];

describe('risk level → response', () => {
  it('answers as usual at none', () => {
    expect(planRiskResponse('none')).toEqual({ emergencyFirst: false, acknowledgeWeight: false, crisisLines: 'none', offerPerson: false, alert: 'none', escalateIfUnacknowledged: false });
  });

  it('offers the 24-hour lines gently from the first sign (low) and flags the case for review', () => {
    expect(planRiskResponse('low')).toEqual({ emergencyFirst: false, acknowledgeWeight: false, crisisLines: 'gentle', offerPerson: false, alert: 'review', escalateIfUnacknowledged: false });
    const { first, after } = safetyTexts(planRiskResponse('low'), ['suicidal-ideation'], profile);
    expect(first).toEqual([]);
    expect(after).toHaveLength(1);
    // Only lines that answer at any hour: the resident may be writing at 3 a.m.
    expect(numbersIn(after[0])).toContain('0120-279-338');
    expect(numbersIn(after[0])).not.toContain('0120-783-556');
    expect(after[0]).toMatch(/よかったら/);
  });

  it('at medium fits the lines to the category, offers a person, alerts staff and escalates', () => {
    const plan = planRiskResponse('medium');
    expect(plan).toEqual({ emergencyFirst: false, acknowledgeWeight: true, crisisLines: 'fitted', offerPerson: true, alert: 'urgent', escalateIfUnacknowledged: true });
    expect(safetyTexts(plan, ['abuse'], profile).after[0]).toContain('189');
  });

  it('at high does everything medium does, and at imminent puts 119/110 first', () => {
    expect(planRiskResponse('high')).toEqual({ ...planRiskResponse('medium') });
    expect(planRiskResponse('imminent')).toEqual({ ...planRiskResponse('medium'), emergencyFirst: true });
    const { first } = safetyTexts(planRiskResponse('imminent'), ['suicidal-ideation'], profile);
    expect(first[0]).toMatch(/119.*110/s);
  });

  it('knows which plans put profile content in front of the resident', () => {
    expect(carriesCrisisContent(planRiskResponse('none'))).toBe(false);
    expect(['low', 'medium', 'high', 'imminent'].every((l) => carriesCrisisContent(planRiskResponse(l as 'low')))).toBe(true);
  });

  it('gives 189 for child abuse, the DV line for DV, and suicide-prevention lines for ideation', () => {
    expect(selectCrisisLines(lines, ['abuse']).map((l) => l.phone)[0]).toBe('189');
    expect(selectCrisisLines(lines, ['dv']).map((l) => l.phone)[0]).toBe('0120-279-889');
    const suicide = selectCrisisLines(lines, ['suicidal-ideation']).map((l) => l.phone);
    expect(suicide).toContain('0120-783-556');
    expect(suicide).not.toContain('189');
  });

  it('falls back to the first lines when none says 24 hours', () => {
    const limited = [{ name: 'A', phone: '0120-000-001', hours: '平日9時〜17時', topics: [] }];
    expect(roundTheClockLines(limited)).toEqual(limited);
  });

  it('writes lines and emergency guidance only with numbers from the profile', () => {
    const text = crisisLinesText(selectCrisisLines(lines, ['self-harm']));
    expect(numbersIn(text).every((n) => lines.some((l) => l.phone === n))).toBe(true);
    for (const level of ['low', 'medium', 'imminent'] as const) {
      const { first, after } = safetyTexts(planRiskResponse(level), ['suicidal-ideation', 'dv'], profile);
      const known = lines.map((l) => l.phone).concat(['119', '110']);
      expect([...first, ...after].flatMap(numbersIn).filter((n) => !known.includes(n))).toEqual([]);
    }
    expect(emergencyText({ ambulance: '119', police: '110' })).toMatch(/119.*110/s);
  });
});
