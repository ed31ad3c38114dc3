/**
 * Stable diagnostic codes of the loading stage. Codes are never reused; a retired code
 * stays reserved. Each has a fixture test in tests/.
 */
export const LOAD_CODES = {
  unreadable: 'LOAD001',
  notUtf8: 'LOAD002',
  empty: 'LOAD003',
  tooLarge: 'LOAD004',
  multipleDocuments: 'LOAD005',
  notMapping: 'LOAD006',
  unknownLocation: 'LOAD007',
  tooManyRecords: 'LOAD008',
  extension: 'LOAD009',
  syntax: 'YAML001',
  duplicateKey: 'YAML002',
  aliasLimit: 'YAML003',
  unknownTag: 'YAML004',
  tooDeep: 'YAML005',
  nulByte: 'YAML006',
  invisibleCharacter: 'YAML007',
  mergeKey: 'YAML008',
} as const;
