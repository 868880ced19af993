import { cdk8s, javascript, ReleasableCommits } from 'projen';

/** Pinned versions: the one place to bump them. */
const ISTIO_CRDS = '../shared/istio/crds/istio-1.30.3-crds.yaml';
const GATEWAY_API_CRDS = '../shared/istio/crds/gateway-api-v1.5.1-standard.yaml';

/** The npm tarball's contents and size, checked in CI after the build packed it (scripts/check-pack.sh). */
const CHECK_PACK_STEP = { name: 'Check the packed tarball (contents and size)', run: 'npx projen check-pack' };

/** Source folders compiled by jsii: our code and the generated bindings, side by side. */
const OUT_DIR = 'build';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-istio',
  description: 'The Istio service mesh for cdk8s: pinned Istio 1.30.3 bindings, typed constructs, patterns and synth-time mesh analysis.',
  keywords: ['cdk8s', 'istio', 'service-mesh', 'kubernetes', 'gateway-api', 'constructs'],
  author: 'cdk8s-istio developers',
  authorAddress: 'cdk8s-istio@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk8s-istio/cdk8s-istio.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  minNodeVersion: '20.16.0',
  workflowNodeVersion: '20',

  // Versions measured to install and work together on Node 20.
  cdk8sVersion: '2.70.0',
  constructsVersion: '10.3.0',
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0.0',
  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  // The synth-time analysis validates manifests against the CRD schemas (ajv) and their CEL rules.
  // jsii libraries bundle their non-jsii runtime dependencies.
  // The CLI parses YAML with `yaml` (YAML 1.2 core schema, as Kubernetes reads `exportTo: [.]`), document by document.
  // @bufbuild/re2 (pure JavaScript RE2, which CEL bundles too; loaded on first use) checks every regex field with the syntax Envoy and istiod accept.
  // The pinned CRDs' validators are generated ahead of time (their CEL rules parsed into cel-spec's ParsedExpr).
  deps: [
    'ajv@^8.20.0', 'ajv-formats@^3.0.1', '@bufbuild/cel@0.6.1', '@bufbuild/cel-spec@0.6.1', '@bufbuild/protobuf@^2.6.2', 'yaml@^2.8.0', '@bufbuild/re2@0.6.1',
  ],
  bundledDeps: ['ajv', 'ajv-formats', '@bufbuild/cel', '@bufbuild/cel-spec', '@bufbuild/protobuf', '@bufbuild/re2', 'yaml'],
  devDeps: [
    'cdk8s-cli@2.207.60',
    // Minifies the validators generated ahead of time (scripts/generate-crd-validators.ts): smaller package, faster load.
    'esbuild@0.28.2',
  ],

  // Layout of the design card: source in lib/, generated bindings in imports/,
  // both compiled by jsii from the repository root into a git-ignored build/.
  srcdir: '.',
  libdir: OUT_DIR,
  testdir: 'test',
  entrypoint: `${OUT_DIR}/lib/index.js`,
  entrypointTypes: `${OUT_DIR}/lib/index.d.ts`,
  excludeTypescript: ['test/**', 'examples/**', 'scripts/**', '.projenrc.ts', `${OUT_DIR}/**`, 'node_modules/**', 'dist/**'],

  // Python bindings through jsii (`cdk8s_istio`); CI generates their code to prove the API supports them.
  publishToPypi: { distName: 'cdk8s-istio', module: 'cdk8s_istio' },

  // Release as cdk8s construct libraries do (docs/releasing.md): projen's GitHub workflows build every pull
  // request (.github/workflows/build.yml); every push to main bumps the version from the conventional commits
  // since the last tag, tags it, and publishes to npm (secret NPM_TOKEN) and PyPI (TWINE_USERNAME/TWINE_PASSWORD)
  // (release.yml). Locally, CI is .ci/run.
  github: true,
  buildWorkflow: true,
  release: true,
  releaseToNpm: true,
  npmTokenSecret: 'NPM_TOKEN',
  npmAccess: javascript.NpmAccess.PUBLIC,
  // No majorVersion: below 1.0 a breaking change (`!`) bumps the minor version, from 1.0 the major one
  // (commit-and-tag-version's preMajor); 1.0 is a deliberate release (docs/releasing.md).
  // Only feat/fix/perf/revert (and `!` breaking) commits make a release; docs, test, chore and ci do not.
  releasableCommits: ReleasableCommits.featuresAndFixes(),
  // After `npx projen build` packed dist/js, in the build and the release jobs: contents and size of the tarball.
  postBuildSteps: [CHECK_PACK_STEP],
  depsUpgrade: false,
  pullRequestTemplate: false,
  githubOptions: {
    mergify: false,
    // Pull requests are squash-merged: the title becomes the commit the release reads, so it must be a conventional commit.
    pullRequestLintOptions: { semanticTitleOptions: { types: ['feat', 'fix', 'perf', 'revert', 'docs', 'test', 'refactor', 'build', 'ci', 'chore'] } },
  },
  autoApproveUpgrades: false,
  sampleCode: false,

  eslint: true,
  eslintOptions: {
    dirs: ['lib'],
    devdirs: ['test', 'scripts'],
    // bench/ is plain JavaScript run by node (no type check, no lint), like scripts/*.js.
    ignorePatterns: ['/imports/', `/${OUT_DIR}/`, '/examples/', '/bench/', '/dist/', 'node_modules/', '*.d.ts', '*.js'],
  },
  jestOptions: {
    // CI must fail on snapshot drift instead of rewriting snapshots.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // Coverage made the suite six times slower (11 min against 1m40s on 2 cores): `npx projen coverage` runs it.
      collectCoverage: false,
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // Every chart a test synthesizes is checked against the pinned CRD schemas.
      setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
      // `npm test` is self-contained; `*.corpus.test.ts` read Istio's corpora and run with `npx projen test:corpus`.
      testPathIgnorePatterns: ['/node_modules/', `<rootDir>/${OUT_DIR}/`, '<rootDir>/examples/', '\\.corpus\\.test\\.ts$'],
      coveragePathIgnorePatterns: ['/node_modules/', '/imports/', '/test/'],
    },
  },
  tsconfigDev: {
    compilerOptions: {},
    // Paths are relative to test/tsconfig.json: tests, and the example apps they import.
    include: ['../examples/*/*.ts', '../scripts/**/*.ts'],
    exclude: ['../node_modules', `../${OUT_DIR}`, '../examples/*/node_modules'],
  },
  gitignore: ['/dist/', '/examples/**/dist/', '/examples/**/node_modules/', '*.tgz'],
});

// `npx cdk8s-istio analyze <files...>`: the mesh analysis on any YAML.
project.addBins({ 'cdk8s-istio': `${OUT_DIR}/lib/analysis/cli.js` });

// jsii sets `types` from libdir; our entry point is build/lib/index.
project.package.addField('types', `${OUT_DIR}/lib/index.d.ts`);
// One test location, not projen's catch-all patterns over the whole root.
project.package.file.addOverride('jest.testMatch', ['<rootDir>/test/**/*.test.ts']);

// jsii compiles from the repository root: make the tsconfig include only what ships.
project.tsconfig?.file.addOverride('include', ['lib/**/*.ts', 'imports/**/*.ts']);
project.tsconfig?.file.addOverride('exclude', ['node_modules', OUT_DIR, 'test', 'examples', 'scripts', 'dist']);
// No inline source maps (with the TypeScript sources inside) in the shipped JavaScript: they were 4 of the tarball's
// 26.8 MB unpacked; error messages name the construct path and the prop, not a line of our code.
project.tsconfig?.file.addOverride('compilerOptions.inlineSourceMap', false);
project.tsconfig?.file.addOverride('compilerOptions.inlineSources', false);

// The package ships compiled output and the jsii assembly, not the TypeScript sources.
project.npmignore?.removePatterns('/./');
project.npmignore?.exclude('/lib/', '/imports/', '/examples/', '/scripts/', '/bench/', '/docs/', '/.ci/', '*.ts', '!*.d.ts', '/*.tgz');
// Nor the generated API reference (0.9 MB; Construct Hub and the repository render it from the .jsii assembly and API.md).
project.npmignore?.exclude('/API.md');
// The package validates with the validators generated ahead of time (imports/crd-validators.js); the schemas they were
// generated from (imports/crd-schemas.ts) serve the tests and the generator only.
project.npmignore?.exclude('/build/imports/crd-schemas.*');
project.gitignore.removePatterns('!/./');

project.gitattributes.addAttributes('/imports/**', 'linguist-generated');

// require('cdk8s-istio') must not load every generated binding: after jsii, the L1 submodules of
// build/lib/index.js become getters that load on first access (docs/performance.md).
project.compileTask.exec(`node scripts/lazy-submodules.js ${OUT_DIR}/lib/index.js`);
// jsii compiles TypeScript only: the generated validators (JavaScript: the index and a module per API group) go beside the compiled imports/.
project.compileTask.exec(`rm -rf ${OUT_DIR}/imports/crd-validators && cp -r imports/crd-validators.js imports/crd-validators ${OUT_DIR}/imports/`);

// Regenerate the L1 bindings from the pinned CRD files (deterministic; ~2 s).
const importTask = project.addTask('import', {
  description: `Regenerate imports/ from ${ISTIO_CRDS} and ${GATEWAY_API_CRDS}`,
});
importTask.exec('rm -rf imports');
importTask.exec(`cdk8s import --no-check-upgrade --no-save -l typescript -o imports ${ISTIO_CRDS}`);
importTask.exec(`cdk8s import --no-check-upgrade --no-save -l typescript -o imports ${GATEWAY_API_CRDS}`);
importTask.exec(`node scripts/generate-crd-schemas.js imports/crd-schemas.ts ${ISTIO_CRDS} ${GATEWAY_API_CRDS}`);
// The validators of the pinned CRDs, compiled ahead of time (ajv standalone code, CEL rules parsed and the common forms
// compiled to JavaScript, minified): nothing compiles at run time. Their own task, for a change of the generator alone.
const validatorsTask = project.addTask('import:validators', {
  description: 'Regenerate imports/crd-validators.js and imports/crd-validators/ from the pinned CRD files',
});
validatorsTask.exec(`ts-node --transpile-only --project test/tsconfig.json scripts/generate-crd-validators.ts imports/crd-validators.js ${ISTIO_CRDS} ${GATEWAY_API_CRDS}`);
importTask.spawn(validatorsTask);

// CI: imports/ must be exactly what the pinned CRDs generate.
const staleTask = project.addTask('check-imports', {
  description: 'Fail when imports/ differs from what the pinned CRD files generate',
});
staleTask.spawn(importTask);
staleTask.exec('bash scripts/check-imports.sh');

// ts-jest transpiles tests without type checking (isolatedModules): check the types once, up front.
project.testTask.prependExec('tsc --noEmit -p test/tsconfig.json', { name: 'typecheck tests' });

// The corpus suite (`*.corpus.test.ts`): tests against Istio's samples, analyzer cases, CRD files and the seed,
// from $CDK8S_ISTIO_CORPUS or ../shared; it says it is skipped, and passes, where the corpus is absent.
project.addTask('test:corpus', {
  description: 'Run the tests that need Istio\'s corpora ($CDK8S_ISTIO_CORPUS or ../shared); skipped with a message when absent',
  exec: 'bash scripts/test-corpus.sh',
  receiveArgs: true,
});

// The main job: synthesize the example mesh with the cdk8s CLI into examples/payments/dist/.
project.addTask('synth:example', {
  description: 'Synthesize examples/payments to YAML with cdk8s synth',
  cwd: 'examples/payments',
  exec: 'cdk8s synth --no-check-upgrade',
});

// npm pack copies the bundled dependencies whole: pack with what the runtime never loads (CEL conformance data,
// ES-module copies, TypeScript sources) moved aside, and back afterwards (scripts/prune-bundled.js says why each is safe).
project.tasks.tryFind('package:js')?.reset('node scripts/prune-bundled.js -- jsii-pacmak -v --target js');
// package:python builds the wheel where pip can install jsii-pacmak's build tools, and otherwise (no PyPI access)
// generates the Python code only and says so, so that `npx projen build` passes offline (scripts/package-python.sh).
project.tasks.tryFind('package:python')?.reset('node scripts/prune-bundled.js -- bash scripts/package-python.sh');

// What the tarball holds and weighs (CI, after the build packed dist/js): no tests, corpora, conformance data or
// unused copies; the size under a limit, printed.
project.addTask('check-pack', {
  description: 'Check the contents and size of the packed tarball in dist/js (run after package:js)',
  exec: 'bash scripts/check-pack.sh',
});

// The packed tarball must install and synthesize in a fresh cdk8s app outside the repository.
const checkPackage = project.addTask('check-package', {
  description: 'Build and pack with jsii, then install the tarball into a fresh cdk8s app and synthesize there',
});
checkPackage.spawn(project.compileTask);
checkPackage.spawn(project.tasks.tryFind('package:js')!);
checkPackage.exec('bash scripts/check-package.sh');

// The validation plugin must run under `cdk8s synth` (needs the compiled library).
const checkPlugin = project.addTask('check-plugin', {
  description: 'Run cdk8s synth in examples/analysis-plugin, whose cdk8s.yaml names MeshAnalysisPlugin',
});
checkPlugin.spawn(project.compileTask);
checkPlugin.exec('bash scripts/check-plugin.sh');

// Every example synthesizes with the cdk8s CLI, from source and against the compiled build/, to its
// committed expected/ output; examples/broken must fail with its five findings.
const checkExamples = project.addTask('check-examples', {
  description: 'Synthesize every example with cdk8s synth (source and compiled build) and compare with its expected/ output',
});
checkExamples.spawn(project.compileTask);
checkExamples.exec('bash scripts/check-examples.sh');

// Rewrites the committed expected/ output of the examples after an intended change.
project.addTask('update-examples', {
  description: 'Synthesize the examples and copy their output into examples/<name>/expected/',
  exec: 'bash scripts/check-examples.sh --update',
});

// The jsii assembly must generate Python bindings (code only, into a temporary folder outside the repository).
const checkPython = project.addTask('check-python', {
  description: 'Generate the Python bindings with jsii-pacmak --code-only and byte-compile them',
});
checkPython.spawn(project.compileTask);
checkPython.exec('bash scripts/check-python.sh');

// docs/rules.md is generated from the rule files; a test fails when it is stale.
project.addTask('docgen:rules', {
  description: 'Write docs/rules.md from lib/analysis/rules',
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/generate-rules-doc.ts',
});

// The synth cost of a large mesh against raw cdk8s, in fresh processes, on the compiled library
// (docs/performance.md). Not part of the tests: timings belong in a benchmark, not in assertions.
project.addTask('bench', {
  description: 'Benchmark synth, analysis, require time and package size (needs npx projen compile); BENCH_SIZES, BENCH_RUNS',
  exec: 'node bench/run.js',
});

project.addTask('coverage', {
  description: 'Run the tests with coverage (slow: about six times the plain run)',
  exec: 'jest --ci --coverage',
});

// API.md documents our constructs (root module), not the 60k lines of generated L1s.
project.tasks.tryFind('docgen')?.reset('jsii-docgen -o API.md --submodule root');

// Quiet jsii's Node 20 end-of-life banner in every task.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');
project.tasks.addEnvironment('JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION', '1');

project.synth();
