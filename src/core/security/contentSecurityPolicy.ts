/**
 * The Content-Security-Policy of the UI, wherever it is served from: the desktop app's `app://` protocol
 * and the loopback server. The UI may load only its own files and talk only to its own origin.
 * pdf.js needs what goes beyond that: its worker (`worker-src … blob:`), its WebAssembly image decoders
 * (`'wasm-unsafe-eval'`, which allows compiling WebAssembly and nothing else), embedded fonts as data URLs
 * and rendered pages as blobs.
 */
export const UI_CONTENT_SECURITY_POLICY = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
].join("; ");
