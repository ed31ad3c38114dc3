import type { Engagement, EngagementType } from '@engagements/schema';

/** A CAMEO event code with its official label. */
export interface CameoCode {
  code: string;
  label: string;
}

export const CAMEO: Record<string, CameoCode> = {
  '040': { code: '040', label: 'Consult, not specified below' },
  '041': { code: '041', label: 'Discuss by telephone' },
  '042': { code: '042', label: 'Make a visit' },
  '043': { code: '043', label: 'Host a visit' },
  '044': { code: '044', label: 'Meet at a third location' },
  '057': { code: '057', label: 'Sign formal agreement' },
  '062': { code: '062', label: 'Cooperate militarily' },
};

/**
 * How each engagement type maps to CAMEO. CAMEO has no code for video calls: every remote
 * call maps to 041, as PLOVER's CONSULT mode "phone" covers any remote medium. Visits are
 * directed: the visitor "makes" (042) and the host "hosts" (043) one; an engagement's own
 * code takes the visitor's view. `other` has no mapping rather than a guessed one.
 */
export const CAMEO_BY_TYPE: Record<EngagementType, { code: string | null; rule: string }> = {
  call: { code: '041', rule: 'any remote call, whatever the medium' },
  meeting: { code: '042', rule: '042 when one side hosts (043 for the host), 044 when held in a third country, 040 when the place is not known' },
  'official-visit': { code: '042', rule: '042 for the visitor, 043 for the host' },
  'courtesy-call': { code: '042', rule: '042 for the caller, 043 for the official called on' },
  dialogue: { code: '040', rule: 'a consultation round' },
  'agreement-signing': { code: '057', rule: 'signing a formal agreement' },
  exercise: { code: '062', rule: 'military cooperation' },
  'port-call': { code: '062', rule: 'military cooperation' },
  reception: { code: '040', rule: 'consultation on a ceremonial occasion' },
  correspondence: { code: '040', rule: 'consultation in writing (CAMEO has no code for letters)' },
  other: { code: null, rule: 'no mapping' },
};

/** The CAMEO code of an engagement as a whole, or null where no code applies. */
export function cameoOf(engagement: Engagement): CameoCode | null {
  if (engagement.type === 'meeting') {
    const countries = new Set(engagement.participants.map((p) => p.country));
    if (!engagement.host) return CAMEO['040']!;
    return countries.has(engagement.host) ? CAMEO['042']! : CAMEO['044']!;
  }
  const code = CAMEO_BY_TYPE[engagement.type].code;
  return code ? CAMEO[code]! : null;
}

/** The CAMEO code from one participant's side: hosts of visits host (043), the rest as the engagement. */
export function participantCameoOf(engagement: Engagement, role: string, country: string): CameoCode | null {
  const base = cameoOf(engagement);
  if (base?.code === '042' && (role === 'host' || country === engagement.host)) return CAMEO['043']!;
  return base;
}
