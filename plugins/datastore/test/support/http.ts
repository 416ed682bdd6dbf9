import type { TestKernel } from '@kaifang/sdk/testing';

/** A multipart/form-data body with one file part and plain fields, as browsers send it. */
export function multipart(
  file: { name: string; content: Buffer | string; type?: string },
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----kaifang${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export interface JobView {
  state: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
  phase: string;
  rowsDone: number;
  percent: number;
  encoding: string | null;
  error?: string;
  finishedAt: string | null;
  originalRemovedAt: string | null;
}

export async function upload(
  test: TestKernel,
  datasetId: string,
  headers: Record<string, string>,
  file: { name: string; content: Buffer | string },
  fields: Record<string, string> = {},
) {
  const body = multipart(file, fields);
  return test.inject({
    method: 'POST',
    url: `/api/v1/datasets/${datasetId}/resources`,
    payload: body.payload,
    headers: { ...headers, ...body.headers },
  });
}

/** Uploads and waits for the job to end; returns the final job view. */
export async function load(
  test: TestKernel,
  datasetId: string,
  headers: Record<string, string>,
  file: { name: string; content: Buffer | string },
  fields: Record<string, string> = {},
): Promise<JobView> {
  const response = await upload(test, datasetId, headers, file, fields);
  if (response.statusCode !== 202)
    throw new Error(`upload answered ${response.statusCode}: ${response.payload}`);
  return waitJob(test, response.json().jobId, headers);
}

export async function waitJob(
  test: TestKernel,
  jobId: string,
  headers: Record<string, string>,
): Promise<JobView> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const job = (await test.inject({ url: `/api/v1/jobs/${jobId}`, headers })).json() as JobView;
    if (job.state !== 'queued' && job.state !== 'running') return job;
    if (Date.now() > deadline)
      throw new Error(`job ${jobId} did not finish: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
