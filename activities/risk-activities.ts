import type OpenAI from 'openai';
import type { Db } from '../platform/db';
import type { Logger } from '../platform/logger';
import { maskPersonalData } from './listening/pii-mask';
import { isRiskLevel, maxRisk, RISK_CATEGORIES, RiskCategory, RiskLevel, RISK_LEVELS } from '../workflows/safety/risk-levels';
import { assessRiskByRules } from '../workflows/safety/risk-rules';

export interface RiskAssessment {
  level: RiskLevel;
  categories: RiskCategory[];
  decidedBy: 'rules' | 'model';
}

const MODEL_TIMEOUT_MS = 6_000;

const CLASSIFIER_PROMPT = `あなたは自治体の相談窓口で、相談者のメッセージの危険度を判定する分類器です。
level は none / low / medium / high / imminent のいずれか:
- low: 受動的な希死念慮（消えたい、目が覚めなければ、生まれてこなければ、いない方がいい）、手段や意図なし
- medium: 能動的な希死念慮（死にたい、自殺したい）、最近の自傷、死に方や手段を尋ねる（楽に死ねる方法、練炭はどこで、何錠飲めば）、いじめ、計画なし
- high: 意図・計画・手段の入手・遺書や別れの言葉、虐待やDVの被害、他害の計画
- imminent: 行為の最中・直後、手段が手元にあり今にも、目前の危険
方法や手段を尋ねるものは少なくとも medium です。
categories は該当するものすべて: ${RISK_CATEGORIES.join(', ')}。比喩（死ぬほど笑った等）や第三者の話は危険としません。`;

const CLASSIFIER_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['level', 'categories', 'reason'],
  properties: {
    level: { type: 'string', enum: [...RISK_LEVELS] },
    categories: { type: 'array', items: { type: 'string', enum: [...RISK_CATEGORIES] } },
    reason: { type: 'string' },
  },
} as const;

export function createRiskActivities(deps: { db: Db; llm?: OpenAI; model: string; logger: Logger }) {
  const { db } = deps;

  /** The model's view; undefined when no model is configured or it fails (the rules then stand alone). */
  async function classifyWithModel(text: string): Promise<{ level: RiskLevel; categories: RiskCategory[] } | undefined> {
    if (!deps.llm) return undefined;
    try {
      const completion = await deps.llm.chat.completions.create(
        {
          model: deps.model,
          temperature: 0,
          messages: [
            { role: 'system', content: CLASSIFIER_PROMPT },
            { role: 'user', content: maskPersonalData(text) },
          ],
          response_format: { type: 'json_schema', json_schema: { name: 'risk_assessment', strict: true, schema: CLASSIFIER_SCHEMA } },
        },
        { timeout: MODEL_TIMEOUT_MS, maxRetries: 0 },
      );
      const parsed = JSON.parse(completion.choices[0]?.message?.content ?? '{}') as { level?: unknown; categories?: unknown };
      if (!isRiskLevel(parsed.level)) return undefined;
      const categories = Array.isArray(parsed.categories) ? parsed.categories.filter((c): c is RiskCategory => (RISK_CATEGORIES as readonly string[]).includes(c)) : [];
      return { level: parsed.level, categories };
    } catch (err) {
      deps.logger.warn({ error: (err as Error).name }, 'risk classifier unavailable; rules decide alone');
      return undefined;
    }
  }

  return {
    /**
     * Rules first (they work with no model at all), then the model when one is configured. The final
     * level is the higher of the two: the model may raise risk, never lower what the rules found.
     */
    async assessRisk(input: { assessmentId: string; consultationId: string; eventIds: string[]; texts: string[]; baseline: RiskLevel }): Promise<RiskAssessment> {
      const text = input.texts.join('\n');
      const rules = assessRiskByRules(text, { baseline: input.baseline });
      const model = await classifyWithModel(text);
      const level = model ? maxRisk(rules.level, model.level) : rules.level;
      const decidedBy = model && level !== rules.level ? 'model' : 'rules';
      const categories = [...new Set([...rules.categories, ...(model && model.level !== 'none' ? model.categories : [])])];
      const messageIds = (await db('messages').whereIn('webhook_event_id', input.eventIds).select('id')).map((r) => r.id);
      await db('risk_assessments')
        .insert({
        id: input.assessmentId,
        consultation_id: input.consultationId,
        message_ids: messageIds,
        level,
        categories,
        decided_by: decidedBy,
        rules_level: rules.level,
        model_level: model?.level ?? null,
        matched_rules: rules.matched,
      })
        // A retried attempt keeps the first record.
        .onConflict('id')
        .ignore();
      await db('consultations')
        .where({ id: input.consultationId })
        .update({
          risk_level: level,
          highest_risk_level: db.raw(
            "(ARRAY['none','low','medium','high','imminent'])[GREATEST(array_position(ARRAY['none','low','medium','high','imminent'], highest_risk_level), array_position(ARRAY['none','low','medium','high','imminent'], ?))]",
            [level],
          ),
          urgent: db.raw("urgent OR ? IN ('high','imminent')", [level]),
          updated_at: db.fn.now(),
        });
      return { level, categories, decidedBy };
    },
  };
}
