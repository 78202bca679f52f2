/** A partner organisation as GET /api/partners answers it (api/partners/partner-directory.ts: PartnerView). */
export interface Partner {
  id: string;
  name: string;
  description: string | null;
  email: string;
  phone: string | null;
  url: string | null;
  active: boolean;
  /** `profile`: as the municipality profile has it; `admin`: edited here, and kept over the profile. */
  source: 'profile' | 'admin' | string;
  services: { id: string; name: string; topics: string[]; description: string | null }[];
  locations: { id: string; name: string; area: string | null; hours: string | null }[];
}
