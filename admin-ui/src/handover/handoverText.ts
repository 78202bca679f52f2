import type { Handover } from './types';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The generated summary as plain text, the starting point when a staff member edits it. */
export function handoverText(generated: Handover['generated'], translate: Translate, formatAt: (iso: string) => string): string {
  const sections: [string, string[]][] = [
    [translate('handover.topics'), generated.topics.map((t) => translate(`yorisoi.riskCategory.${t}`, { _: t }))],
    [translate('handover.riskHistory'), generated.riskHistory.map((r) => `${formatAt(r.at)} ${translate(`yorisoi.risk.${r.level}`, { _: r.level })}`)],
    [translate('handover.intake'), generated.intake.map((q) => `${q.question} ${q.answer}`)],
    [translate('handover.requests'), generated.requests.map((r) => `${formatAt(r.at)} ${translate(`handover.via.${r.via}`)}`)],
    [translate('handover.residentWords'), generated.residentWords],
  ];
  return sections
    .filter(([, lines]) => lines.length > 0)
    .map(([title, lines]) => `【${title}】\n${lines.map((l) => `・${l}`).join('\n')}`)
    .join('\n');
}
