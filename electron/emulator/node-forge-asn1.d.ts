/**
 * node-forge's ASN.1 module on its own (x509.ts loads it without the rest of forge): the
 * `forge.asn1` of @types/node-forge, whose `fromDer` also takes forge's options object.
 */
declare module 'node-forge/lib/asn1' {
  import type forge from 'node-forge'

  type Asn1Module = Omit<typeof forge.asn1, 'fromDer'> & {
    /** `decodeBitStrings: false` keeps a BIT STRING's content as bytes (its first, the unused-bits count). */
    fromDer(bytes: string, options?: { strict?: boolean; decodeBitStrings?: boolean }): forge.asn1.Asn1
  }
  const asn1: Asn1Module
  export default asn1
}
