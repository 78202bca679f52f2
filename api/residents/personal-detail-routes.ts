import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { PiiKeyring } from '../../platform/crypto/pii-cipher';
import type { Db } from '../../platform/db';
import { publish } from '../../platform/events';
import { detailAad } from '../../activities/referral-activities';
import { ConsentField, FIELD_LABELS_JA } from '../../workflows/consent/consent-flow';
import type { MunicipalityProfile } from '../../platform/config/profile';
import { recordAudit } from '../audit/audit-log';
import { notYourCase, seesAllCases, visibleCases } from '../consultations/case-access';
import { ADMIN_ONLY, STAFF_ROLES } from '../auth/roles';
import { AppError, FailureCode } from '../http/errors';
import { RouteSpec, signedInUser } from '../http/route';
import { eraseResident } from './erase-resident';

const uuid = z.uuid();

/** Personal details are shown only on purpose (audited: who saw which fields when) and erased on request. */
export function personalDetailRoutes(deps: { db: Db; temporal: Client; keyring: PiiKeyring; profile: MunicipalityProfile }): RouteSpec[] {
  const { db } = deps;
  const cipher = deps.keyring.cipher('pii-at-rest');

  const loadResident = async (id: string) => {
    const r = uuid.safeParse(id).success ? await db('residents').where({ id }).first('id', 'status', 'line_user_id') : undefined;
    if (!r) throw new AppError(FailureCode.NotFound, '相談者が見つかりません。');
    return r;
  };

  return [
    {
      method: 'get',
      path: '/api/residents/:id/personal-details',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const resident = await loadResident(String(req.params.id));
        // Need-to-know: staff only for a resident whose case they may see.
        if (
          !seesAllCases(user) &&
          !(await db('consultations as c')
            .where('c.resident_id', resident.id)
            .modify(visibleCases(db, user, deps.profile))
            .first('c.id'))
        )
          throw notYourCase();
        // The decryption and its audit entry commit together: no view without a trace.
        const data = await db.transaction(async (trx) => {
          const rows = await trx('personal_details as d')
            .join('consents as c', 'c.id', 'd.consent_id')
            .where('d.resident_id', resident.id)
            .whereNull('c.withdrawn_at')
            .orderBy('d.created_at')
            .select('d.*', 'c.recipient', 'c.purpose', 'c.agreed_at');
          const data = rows.map((d) => ({
            consentId: d.consent_id as string,
            recipient: d.recipient as string,
            field: d.field as string,
            label: FIELD_LABELS_JA[d.field as ConsentField],
            value: cipher.decrypt(d.ciphertext, detailAad(resident.id, d.field)),
          }));
          await recordAudit(trx, user, {
            action: 'personal-details.view',
            targetType: 'resident',
            targetId: resident.id,
            details: {
              fields: data.map((d) => d.field),
              consents: [...new Set(data.map((d) => d.consentId))],
            },
          });
          return data;
        });
        res.json({ data });
      },
    },
    {
      method: 'post',
      path: '/api/residents/:id/erase',
      access: ADMIN_ONLY,
      handler: async (req, res) => {
        const resident = await loadResident(String(req.params.id));
        const counts = await eraseResident({ db, temporal: deps.temporal }, signedInUser(req), resident);
        await publish(db, { type: 'queue' });
        res.json({ data: { id: resident.id, status: 'erased', ...counts } });
      },
    },
  ];
}
