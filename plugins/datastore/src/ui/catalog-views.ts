/**
 * The datastore's `ui.components` module: defines its elements and puts them on the catalog's
 * dataset page (`/catalog/:id`) — the preview, download and API tabs, and the upload form in a
 * tab only the dataset's editors see. Loaded by the shell after start, on every page; ECharts
 * stays out of it (the preview imports it only to draw a chart).
 */
import { registerDatasetView } from '@kaifang/plugin-catalog/ui/dataset-views';
import './datastore-page.ts';
import './access-views.ts';

registerDatasetView({
  id: 'preview',
  label: { zh: '数据预览', en: 'Preview' },
  element: 'kf-datastore-preview',
});
registerDatasetView({
  id: 'download',
  label: { zh: '数据下载', en: 'Download' },
  element: 'kf-datastore-download',
});
registerDatasetView({
  id: 'api',
  label: { zh: 'API服务', en: 'API' },
  element: 'kf-datastore-api',
});
registerDatasetView({
  id: 'upload',
  label: { zh: '上传数据', en: 'Upload data' },
  element: 'kf-datastore-upload',
  order: 50,
  audience: 'editors',
});
