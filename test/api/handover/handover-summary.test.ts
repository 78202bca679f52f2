import { buildHandoverSummary } from '../../../api/handover/handover-summary';

describe('hand-over summary (pure)', () => {
  const facts = {
    intake: [
      { questionId: 'age-band', question: '年代を教えてください。', answer: '30代' },
      { questionId: 'topic', question: 'どんなことについて話したいですか？', answer: '家族のこと' },
    ],
    risks: [
      { at: '2026-11-30T01:00:00.000Z', level: 'none', categories: [] },
      { at: '2026-11-30T01:05:00.000Z', level: 'none', categories: [] },
      { at: '2026-11-30T01:10:00.000Z', level: 'medium', categories: ['suicidal-ideation'] },
    ],
    requests: [{ at: '2026-11-30T01:12:00.000Z', via: 'menu' as const }],
    residentTexts: ['父と話せなくなりました。毎晩けんかです。', '電話番号は090-1234-5678です。連絡してほしい。'],
  };

  it('says what the resident told: topics, changes of risk, intake, requests, first sentences', () => {
    const summary = buildHandoverSummary(facts);
    expect(summary.topics).toEqual(['家族のこと', 'suicidal-ideation']);
    expect(summary.riskHistory.map((r) => r.level)).toEqual(['none', 'medium']);
    expect(summary.intake).toEqual([
      { question: '年代を教えてください。', answer: '30代' },
      { question: 'どんなことについて話したいですか？', answer: '家族のこと' },
    ]);
    expect(summary.requests).toEqual(facts.requests);
    expect(summary.residentWords[0]).toBe('父と話せなくなりました。');
  });

  it('masks personal data in the resident’s words', () => {
    const summary = buildHandoverSummary(facts);
    expect(JSON.stringify(summary)).not.toContain('090-1234-5678');
    expect(summary.residentWords).toHaveLength(2);
  });

  it('is empty, not invented, for a resident who has said nothing', () => {
    expect(buildHandoverSummary({ intake: [], risks: [], requests: [], residentTexts: [] })).toEqual({ topics: [], riskHistory: [], intake: [], requests: [], residentWords: [] });
  });
});
