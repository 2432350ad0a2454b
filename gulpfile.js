'use strict';

const path = require('path');
const { execFileSync } = require('child_process');
const build = require('@microsoft/sp-build-web');

build.addSuppression(`Warning - [sass] The local CSS class 'ms-Grid' is not camelCase and will not be type-safe.`);

// Tests run under jest (npm test), not the build rig's own test task.
build.tslintCmd.enabled = false;

// Two packages from one repository (see README, "Deploying to a council's tenant"):
// - config/package-solution.json: the app package (web parts, Teams app), deployable to all sites;
// - config/package-solution-lists.json: the site-scoped lists package (the list feature only).
// SPFx's package-solution task reads only the first and refuses a solution without components, so
// scripts/package-lists.mjs writes the second with the same packager modules. Running it after
// package-solution means `gulp package-solution [--ship]` (and `npm run build`) make both, and `gulp clean`
// removes both.
const listsConfig = require('./config/package-solution-lists.json');
const listsPackageDir = path.join(__dirname, (listsConfig.paths && listsConfig.paths.packageDir) || 'sharepoint');
const packageLists = build.subTask('package-lists', function (gulp, buildOptions, done) {
  try {
    execFileSync(process.execPath, [path.join(__dirname, 'scripts', 'package-lists.mjs')], { stdio: 'inherit' });
    done();
  } catch (error) {
    done(new Error(`scripts/package-lists.mjs failed (exit code ${error.status})`));
  }
});
packageLists.cleanMatch = [
  path.join(listsPackageDir, listsConfig.paths.debugDir),
  path.join(listsPackageDir, listsConfig.paths.zippedPackage),
];

const getTasks = build.rig.getTasks;
build.rig.getTasks = function () {
  const result = getTasks.call(build.rig);
  result.set('serve', result.get('serve-deprecated'));
  result.set('package-solution', { executable: build.serial(result.get('package-solution').executable, packageLists) });
  return result;
};

build.initialize(require('gulp'));
