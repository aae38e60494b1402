/**
 * A PDF drawn page by page on canvases with pdfjs-dist — the bytes the server rendered, so the
 * preview is the printed form itself. No eval (our CSP has no 'unsafe-eval') and no FontFace:
 * glyphs are drawn as paths from the embedded fonts.
 */
import { useEffect, useRef, useState } from 'react';
import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import workerUrl from 'virtual:pdfjs-worker-url';
import { useText } from './messages.js';

GlobalWorkerOptions.workerSrc = workerUrl;

export function PdfPreview({ pdf }: { pdf: ArrayBuffer }) {
  const { t } = useText();
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pages, setPages] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const task = getDocument({ data: new Uint8Array(pdf.slice(0)), isEvalSupported: false, disableFontFace: true });
    setError(null);
    (async () => {
      const doc = await task.promise;
      const canvases: HTMLCanvasElement[] = [];
      for (let i = 1; i <= doc.numPages; i++) {
        const page = await doc.getPage(i);
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: 1.25 * ratio });
        const canvas = document.createElement('canvas');
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', t('previewPage', { page: i, pages: doc.numPages }));
        await page.render({ canvas, viewport }).promise;
        canvases.push(canvas);
      }
      if (cancelled || !host.current) return;
      host.current.replaceChildren(...canvases);
      setPages(doc.numPages);
    })().catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [pdf, t]);

  return (
    <div className="pdf-preview" data-pages={pages || undefined}>
      {error && (
        <p className="banner banner-error" role="alert">
          {t('previewUnavailable', { message: error })}
        </p>
      )}
      <div ref={host} className="pdf-pages" />
    </div>
  );
}
