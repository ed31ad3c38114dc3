// Helper of signals.test.ts: builds the SQLite database of a records folder with the real
// build (core's writer, the SQLite exporter) and, with --gate FILE, holds the build inside
// the database step (after its second pause, the temporary database half-built) until FILE
// exists, then works 100 ms more (longer than the writer's 50 ms between two turns of the
// event loop), so that a signal the test sent meanwhile is handled inside that step.
// Runs the built packages (dist/), as the CLI does.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildOutputs } from '../../packages/core/dist/index.js';
import { sqliteExporter } from '../../packages/export-sqlite/dist/index.js';

const { values } = parseArgs({ options: { records: { type: 'string' }, out: { type: 'string' }, gate: { type: 'string' } } });
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const gated = {
  name: 'sqlite',
  async export(data, context) {
    const files = await sqliteExporter.export(data, context);
    if (!values.gate) return files;
    return files.map((file) =>
      typeof file.content !== 'function'
        ? file
        : {
            path: file.path,
            content: function* (writeContext) {
              let n = 0;
              for (const chunk of file.content(writeContext)) {
                if (chunk.length === 0 && ++n === 2) {
                  process.stdout.write(`in the database step: ${writeContext.tempDir}\n`);
                  while (!existsSync(values.gate)) sleep(10);
                  sleep(100);
                }
                yield chunk;
              }
            },
          },
    );
  },
};

await buildOutputs({ recordsDir: values.records, outDir: values.out, exporters: [gated], today: '2026-01-01' });
process.stdout.write('built\n');
