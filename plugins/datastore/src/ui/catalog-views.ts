/**
 * The datastore's `ui.components` module: defines its elements and puts them on the catalog's
 * dataset page (`/catalog/:id`) — the preview in the page's preview tab, the upload form in a
 * tab only the dataset's editors see. Loaded by the shell after start, on every page; ECharts
 * stays out of it (the preview imports it only to draw a chart).
 */
import { registerDatasetView } from '@kaifang/plugin-catalog/ui/dataset-views';
import './datastore-page.ts';

registerDatasetView({
  id: 'preview',
  label: { zh: '数据预览', en: 'Preview' },
  element: 'kf-datastore-preview',
});
registerDatasetView({
  id: 'upload',
  label: { zh: '上传数据', en: 'Upload data' },
  element: 'kf-datastore-upload',
  order: 50,
  audience: 'editors',
});
