/**
 * Reading a PDF the way a person's viewer would: pdfjs-dist (the legacy build runs in Node) extracts
 * each page's text, so a test asserts what a printed form says, Chinese included.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of every page, joined by a newline per text line. */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
  }
  await doc.destroy();
  return { pages: doc.numPages, text: pages.join('\n') };
}
