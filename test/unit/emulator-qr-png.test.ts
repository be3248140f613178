import { randomBytes } from 'node:crypto'
import { inflateSync } from 'node:zlib'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { qrPng } from '../../electron/emulator/ptlogin/qr'
import { keyFromPayload } from '../../electron/emulator/state/qr-codes'
import { decodeQr } from '../support/emulator'

/** The filter byte that starts each row of a PNG's (single-IDAT or many) image data. */
function rowFilters(png: Buffer): number[] {
  const chunks: Buffer[] = []
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at)
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length))
    at += 12 + length
  }
  const { width, height } = PNG.sync.read(png)
  const raw = inflateSync(Buffer.concat(chunks))
  const stride = raw.length / height
  expect(stride).toBe(1 + width * 4)
  return Array.from({ length: height }, (_, row) => raw[row * stride]!)
}

describe('ptqrshow QR picture', () => {
  it('decodes to its own key at every scale ptqrshow takes, for many keys', async () => {
    for (let i = 0; i < 40; i++) {
      const key = randomBytes(12).toString('base64url')
      const scale = (i % 10) + 1
      expect(keyFromPayload(decodeQr(await qrPng(key, scale)))).toBe(key)
    }
  })

  it('is drawn with one row filter (Paeth), not pngjs searching all five per row, and stays about as small', async () => {
    const png = await qrPng(randomBytes(12).toString('base64url'))
    expect(new Set(rowFilters(png))).toEqual(new Set([4]))
    expect(png.length).toBeLessThan(4096)
  })
})
