/** Stable diagnostic codes of schema validation; never reused. */
export const SCHEMA_CODES = {
  unknownProperty: 'SCH001',
  missingProperty: 'SCH002',
  notAllowedValue: 'SCH003',
  wrongType: 'SCH004',
  badFormat: 'SCH005',
  badSize: 'SCH006',
  duplicateItem: 'SCH007',
  personOrOrganization: 'SCH008',
  other: 'SCH009',
} as const;
