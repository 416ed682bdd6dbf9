/** The part of `jsonld` (a dev dependency without types) the DCAT test uses. */
declare module 'jsonld' {
  const jsonld: {
    expand(input: object): Promise<Record<string, unknown>[]>;
  };
  export default jsonld;
}
