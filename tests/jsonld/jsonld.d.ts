// The part of jsonld@9's API the JSON-LD tests use (jsonld ships no types).
declare module 'jsonld' {
  export interface RemoteDocument {
    contextUrl: string | null;
    document: unknown;
    documentUrl: string;
  }
  export type DocumentLoader = (url: string, options?: unknown) => Promise<RemoteDocument>;
  export interface Options {
    base?: string | null;
    safe?: boolean;
    documentLoader?: DocumentLoader;
    format?: 'application/n-quads';
    algorithm?: 'RDFC-1.0' | 'URDNA2015';
    expandContext?: unknown;
    produceGeneralizedRdf?: boolean;
    useNativeTypes?: boolean;
    [option: string]: unknown;
  }
  const jsonld: {
    expand(input: unknown, options?: Options): Promise<Record<string, unknown>[]>;
    compact(input: unknown, context: unknown, options?: Options): Promise<Record<string, unknown>>;
    flatten(input: unknown, context?: unknown, options?: Options): Promise<Record<string, unknown>[] | Record<string, unknown>>;
    toRDF(input: unknown, options: Options & { format: 'application/n-quads' }): Promise<string>;
    toRDF(input: unknown, options?: Options): Promise<unknown[]>;
    fromRDF(input: string, options?: Options): Promise<Record<string, unknown>[]>;
    canonize(input: unknown, options?: Options): Promise<string>;
  };
  export default jsonld;
}
