/** Vite's `?url` imports: the file is emitted as an asset and the import is its URL. */
declare module '*?url' {
  const url: string;
  export default url;
}

/** pdfjs's worker, slimmed for the preview (admin-ui/build/pdfjs-worker.ts): its URL. */
declare module 'virtual:pdfjs-worker-url' {
  const url: string;
  export default url;
}
