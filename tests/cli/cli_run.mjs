// cli_run.mjs: what the CLI acceptance files share: run `layerlab` with the data folder, read its accuracy.
import { spawnSync } from 'node:child_process';
import { assert, TestFailure } from '../../web/tests/harness.mjs';

// Returns a function running the CLI: {status, stdout, stderr}.
export function cliRunner(cli, dataDir) {
  return (...args) => {
    const withData = ['train', 'eval', 'predict'].includes(args[0]) ? ['--data-dir', dataDir] : [];
    const r = spawnSync(cli, [...args, ...withData], { encoding: 'utf8', timeout: 1_500_000, maxBuffer: 1 << 26 });
    if (r.error) throw new TestFailure(`'layerlab ${args.join(' ')}' could not run: ${r.error.message}`);
    return r;
  };
}

// The final test accuracy `layerlab train` printed.
export function trained(r, what) {
  if (r.status !== 0) throw new TestFailure(`${what}: exit ${r.status}`, r.stderr.trim().split('\n').slice(-5));
  const m = /accuracy (\d\.\d+)\s*$/m.exec(r.stdout);
  assert(m, `${what}: no accuracy in the output`, r.stdout.split('\n').slice(-5));
  return Number(m[1]);
}

// The total parameter count from the summary table train prints on stderr.
export function totalParameters(r) {
  const m = /^total\s+(\d+)/m.exec(r.stderr);
  return m ? Number(m[1]) : NaN;
}

// Each [args, /message/] case must exit 2 with one line starting "layerlab: " that matches; never a crash.
export function expectCleanFailures(layerlab, cases) {
  const problems = [];
  for (const [args, want] of cases) {
    const r = layerlab(...args);
    const lines = r.stderr.trim().split('\n');
    if (r.status !== 2 || !want.test(r.stderr) || !lines[0].startsWith('layerlab: ') || r.signal)
      problems.push(`layerlab ${args.join(' ')}: exit ${r.status}${r.signal ? ` (${r.signal})` : ''}: ${r.stderr.trim()}`);
  }
  assert(problems.length === 0, `${problems.length} of ${cases.length} bad inputs were mishandled`, problems);
  return `${cases.length} cases`;
}
