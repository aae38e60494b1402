/** The view designer's pages (docs/studio.md, "View designer"): the list, or one view's editor. One lazy chunk with its messages. */
import { ViewEditor } from './ViewEditor.js';
import { ViewListPage } from './ViewListPage.js';
import './studio-views.css';

export default function ViewDesignerPage({ name }: { name?: string }) {
  return name ? <ViewEditor key={name} name={name} /> : <ViewListPage />;
}
