declare module 'qrcode-terminal' {
  /** Renders `text` as a QR code of block characters; with a callback, hands the drawing over instead of printing it. */
  export function generate(text: string, options?: { small?: boolean }, callback?: (qr: string) => void): void;
}
