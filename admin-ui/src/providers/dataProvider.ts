import type { DataProvider, GetListParams, GetManyParams, GetOneResult, Identifier, RaRecord } from 'react-admin';
import type { PinnedAlert } from '../alerts/types';
import type { CannedReply } from '../canned-replies/types';
import type { Handover } from '../handover/types';
import type { Consultation, ConsultationAction, ConsultationMessage, StaffOnDuty } from '../consultations/types';
import { httpClient } from './httpClient';

const API = '/api';

export interface YorisoiDataProvider extends DataProvider {
  resetPassword(resource: 'staff-users', params: { id: Identifier; password: string }): Promise<{ data: { id?: Identifier } }>;
  getMessages(consultationId: Identifier): Promise<{ data: ConsultationMessage[] }>;
  sendMessage(consultationId: Identifier, body: { text: string; clientMessageId: string; translate?: boolean }): Promise<{ data: ConsultationMessage }>;
  consultationAction(consultationId: Identifier, action: ConsultationAction, body?: Record<string, unknown>): Promise<{ data: Consultation }>;
  acknowledgeAlert(alertId: Identifier): Promise<unknown>;
  getOpenAlerts(): Promise<{ data: PinnedAlert[] }>;
  getHandover(consultationId: Identifier): Promise<{ data: Handover }>;
  saveHandover(consultationId: Identifier, text: string): Promise<{ data: Handover }>;
  getAvailability(): Promise<{ data: { available: boolean } }>;
  setAvailability(available: boolean): Promise<{ data: { available: boolean } }>;
  getStaffOnDuty(): Promise<{ data: StaffOnDuty[] }>;
  getCannedReplies(consultationId: Identifier): Promise<{ data: CannedReply[] }>;
}

/** Lists the API ranks itself and answers whole, without paging (`{ data }` only). */
const UNPAGED_LISTS = new Set(['queue', 'follow-ups']);

const notOffered = (what: string) => () => Promise.reject(new Error(`${what} is not offered by the Yorisoi API`));

function listQuery({ pagination, sort, filter }: GetListParams): string {
  const query = new URLSearchParams({
    page: String(pagination?.page ?? 1),
    perPage: String(pagination?.perPage ?? 25),
    filter: JSON.stringify(withoutEmptyValues(filter ?? {})),
  });
  // The API has its own default sort per resource; react-admin's fallback `id` is not sortable there.
  if (sort?.field && sort.field !== 'id') {
    query.set('sort', sort.field);
    query.set('order', sort.order);
  }
  return query.toString();
}

function withoutEmptyValues(filter: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== null && value !== undefined && value !== ''));
}

/** PATCH sends only what changed: the API rejects unknown or read-only fields. */
function changedFields(data: Record<string, unknown>, previous: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!previous) return data;
  return Object.fromEntries(Object.entries(data).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(previous[key])));
}

/** Resources whose API lives elsewhere: the partner portal's `referrals` are the partner's own; staff see `case-referrals` and today's `follow-ups`. */
const API_PATHS: Record<string, string> = { referrals: 'partner/referrals', 'case-referrals': 'referrals', 'follow-ups': 'follow-ups/today' };
const url = (resource: string, id?: Identifier) => {
  const path = API_PATHS[resource] ?? resource;
  return id === undefined ? `${API}/${path}` : `${API}/${path}/${encodeURIComponent(String(id))}`;
};

export const dataProvider: YorisoiDataProvider = {
  async getList<RecordType extends RaRecord>(resource: string, params: GetListParams) {
    const answer = await httpClient<{ data: RecordType[]; total?: number }>(
      UNPAGED_LISTS.has(resource) ? url(resource) : `${url(resource)}?${listQuery(params)}`,
    );
    return { data: answer.data, total: answer.total ?? answer.data.length };
  },

  async getOne(resource, { id }) {
    return httpClient(url(resource, id));
  },

  // No batch endpoint; references are rare and few, so fetch them one by one.
  async getMany<RecordType extends RaRecord>(resource: string, { ids }: GetManyParams<RecordType>) {
    const records = await Promise.all(ids.map((id) => httpClient<GetOneResult<RecordType>>(url(resource, id))));
    return { data: records.map((r) => r.data) };
  },

  async getManyReference(resource, { target, id, ...params }) {
    return dataProvider.getList(resource, { ...params, filter: { ...params.filter, [target]: id } });
  },

  async create(resource, { data }) {
    return httpClient(url(resource), { method: 'POST', body: data });
  },

  async update(resource, { id, data, previousData }) {
    return httpClient(url(resource, id), { method: 'PATCH', body: changedFields(data, previousData) });
  },

  async resetPassword(resource, { id, password }) {
    await httpClient(`${url(resource, id)}/reset-password`, { method: 'POST', body: { password } });
    return { data: { id } };
  },

  async getMessages(consultationId) {
    return httpClient(`${url('consultations', consultationId)}/messages`);
  },

  async sendMessage(consultationId, body) {
    return httpClient(`${url('consultations', consultationId)}/messages`, { method: 'POST', body });
  },

  async consultationAction(consultationId, action, body = {}) {
    return httpClient(`${url('consultations', consultationId)}/${action}`, { method: 'POST', body });
  },

  async acknowledgeAlert(alertId) {
    return httpClient(`${url('alerts', alertId)}/acknowledge`, { method: 'POST', body: {} });
  },

  async getOpenAlerts() {
    return httpClient(`${API}/alerts/open`);
  },

  async getHandover(consultationId) {
    return httpClient(`${url('consultations', consultationId)}/handover`);
  },

  async saveHandover(consultationId, text) {
    return httpClient(`${url('consultations', consultationId)}/handover`, { method: 'PUT', body: { text } });
  },

  async getAvailability() {
    return httpClient(`${API}/me/availability`);
  },

  async setAvailability(available) {
    return httpClient(`${API}/me/availability`, { method: 'PUT', body: { available } });
  },

  async getStaffOnDuty() {
    return httpClient(`${API}/staff-on-duty`);
  },

  async getCannedReplies(consultationId) {
    return httpClient(`${url('consultations', consultationId)}/canned-replies`);
  },

  // Only resources whose API offers DELETE show a delete button (canned replies).
  async delete(resource, { id }) {
    return httpClient(url(resource, id), { method: 'DELETE' });
  },

  updateMany: notOffered('updateMany'),
  deleteMany: notOffered('deleteMany'),
};
