// The `engagements` binary (bin/engagements.js imports this file): runs the command line
// and sets the exit code. Exceptions become a one-line message and exit code 2; the
// stack trace is shown only with ENGAGEMENTS_DEBUG=1.
import { run } from './cli.js';
import { describeError, EXIT } from './errors.js';
import { processIo } from './io.js';

// `engagements validate | head`: a closed pipe is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.on('uncaughtException', (error) => {
  process.stderr.write(describeError(error, process.env));
  process.exit(EXIT.usage);
});

try {
  process.exitCode = await run(process.argv.slice(2), processIo());
} catch (error) {
  process.stderr.write(describeError(error, process.env));
  process.exitCode = EXIT.usage;
}
