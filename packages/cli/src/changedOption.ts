// The --changed option of validate, apart from its implementation (changed.ts), so that
// declaring it does not load git handling and the core.
import { Option } from 'commander';

export const changedOption = () =>
  new Option('--changed [base]', 'check only the records changed since a git revision (default: origin/main if it exists, else HEAD; in CI, the pull request\'s or push\'s base, fetched if needed) and the records that reference them');
