import fs from 'node:fs';
import { parse, stringify } from 'yaml';
import { ConfigError } from '../../../platform/config/errors';
import { loadProfile, parseProfile } from '../../../platform/config/profile';
import { EXAMPLE_PROFILE } from '../../helpers/test-stack';

const example = () => parse(fs.readFileSync(EXAMPLE_PROFILE, 'utf8'));
const problemsOf = (data: unknown): string[] => {
  try {
    parseProfile(stringify(data), 'test profile');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('municipality profile', () => {
  it('ships a complete, valid example with business hours 9–18 on weekdays and year-end closure', () => {
    const profile = loadProfile(EXAMPLE_PROFILE);
    expect(profile.businessHours).toMatchObject({ open: '09:00', close: '18:00', weekdays: [1, 2, 3, 4, 5], closedDays: [{ from: '12-29', to: '01-03' }] });
    expect(profile.crisisLines.map((l) => l.phone)).toContain('0120-279-338');
    expect(profile.intake.questions.map((q) => q.id)).toEqual(['eligibility', 'age-band', 'topic']);
  });

  it('names the key and the problem for a bad value', () => {
    const data = example();
    data.businessHours.open = '9時';
    data.crisisLines[0].phone = 'call us';
    data.intake.questions[0].options[0].label = 'とても長いラベルなのでLINEのクイックリプライには収まりません';
    expect(problemsOf(data)).toEqual([
      expect.stringMatching(/^businessHours\.open: expected a time as HH:MM/),
      expect.stringMatching(/^crisisLines\.0\.phone: expected a phone number/),
      expect.stringMatching(/^intake\.questions\.0\.options\.0\.label: LINE quick-reply labels are at most 20/),
    ]);
  });

  it('requires at least one crisis line and an on-call channel', () => {
    const data = example();
    data.crisisLines = [];
    data.escalation.onCall = {};
    const problems = problemsOf(data);
    expect(problems).toContain('crisisLines: at least one crisis line is required');
    expect(problems).toContain('escalation.onCall: give an e-mail address, a webhook URL or both');
  });

  it('refuses closing hours before opening and duplicate ids', () => {
    const data = example();
    data.businessHours.close = '08:00';
    expect(problemsOf(data)).toEqual(['businessHours.close: open must be before close']);
    const dup = example();
    dup.partners[0].id = dup.crisisLines[0].id;
    expect(problemsOf(dup)).toEqual([`id "${dup.crisisLines[0].id}" is used twice among lines and partners`]);
  });

  it('says where YAML is broken and when the file is missing', () => {
    expect(() => parseProfile('municipality:\n  name: [unclosed', 'p.yaml')).toThrow(/p\.yaml[\s\S]*not valid YAML at line/);
    expect(() => loadProfile('/nonexistent/profile.yaml')).toThrow(/cannot read the file: ENOENT/);
  });
});
