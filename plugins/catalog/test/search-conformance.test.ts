import { searchConformance } from './support/conformance.ts';

searchConformance('postgres', {});

const url = process.env.OPENSEARCH_URL;
if (url) {
  searchConformance('opensearch', {
    search: {
      engine: 'opensearch',
      opensearch: { url, index: `kaifang-test-${process.pid}-${Date.now()}`, timeout: 5000 },
    },
  });
}
