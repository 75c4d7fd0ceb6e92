import { expect } from 'chai';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TriggerTypes } from '#pos-api';
import { builtFixture, fixtureDir, newArtifactDir, runBuildScript } from './fixture.js';

/** Builds a copy of the fixture's manifest, changed, and answers the build's failure output. */
async function failedBuild(change: (manifest: Record<string, any>) => void): Promise<string> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const dir = await newArtifactDir('build-variant');
  const manifest = JSON.parse(await readFile(path.join(fixtureDir, 'manifest.json'), 'utf8'));
  change(manifest);
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  try {
    await runBuildScript(['--manifest', path.join(dir, 'manifest.json'), '--src', path.join(fixtureDir, 'src'), '--out', path.join(dir, 'dist')]);
  } catch (error) {
    return (error as { stderr: string }).stderr;
  }
  throw new Error('the build succeeded, expected it to fail');
}

describe('scripts/build.js', () => {
  before(async function () {
    this.timeout(120_000);
    await builtFixture();
  });

  it('writes one module per manifest path, manifest.json, and a single shared webpack runtime', async () => {
    const out = await builtFixture();
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.name).to.equal('Contoso.SampleExtension');
    expect(await readdir(path.join(out, 'Create/Operations/SampleOperation'))).to.include.members([
      'SampleOperationRequestFactory.js',
      'SampleOperationRequestHandler.js',
    ]);
    expect((await readdir(path.join(out, '_chunks'))).filter((file) => file.includes('runtime') && file.endsWith('.js'))).to.deep.equal([
      'webpack-runtime.js',
    ]);
    const trigger = await readFile(path.join(out, 'Extend/Triggers/SampleApplicationStartTrigger.js'), 'utf8');
    const handler = await readFile(path.join(out, 'Create/RequestHandlers/SampleStateRequestHandler.js'), 'utf8');
    expect(trigger).to.contain('from "../../_chunks/webpack-runtime.js"');
    expect(handler).to.contain('from "../../_chunks/webpack-runtime.js"');
  });

  it('keeps node_modules packages and built-ins as imports instead of bundling them', async () => {
    const out = await builtFixture();
    const chunks = await Promise.all((await readdir(path.join(out, '_chunks'))).filter((f) => f.endsWith('.js')).map((f) => readFile(path.join(out, '_chunks', f), 'utf8')));
    const all = chunks.join('\n');
    expect(all).to.match(/^import (\* as \w+|\{[^}]*\}) from "rxjs";$/m);
    expect(all).to.match(/^import (\* as \w+|\{[^}]*\}) from "node:crypto";$/m);
  });

  it('fails on an invalid manifest, naming the field', async () => {
    const stderr = await failedBuild((m) => (m.components.extend.triggers[0].triggerType = 'Nope'));
    expect(stderr).to.contain('/components/extend/triggers/0/triggerType must be one of');
  });

  it('fails when a manifest path does not build to a module that default-exports a class', async () => {
    const stderr = await failedBuild((m) => m.components.extend.requestHandlers.push({ modulePath: 'SampleState' }));
    expect(stderr).to.contain('/components/extend/requestHandlers/1/modulePath "SampleState": must default-export a class');
  });

  it('fails when a manifest path has no source file', async () => {
    const stderr = await failedBuild((m) => (m.components.create.requestHandlers[0].modulePath = 'Create/RequestHandlers/Missing'));
    expect(stderr).to.contain('/components/create/requestHandlers/0/modulePath "Create/RequestHandlers/Missing": no source file at');
  });

  it('accepts exactly the trigger types the host contract defines', async () => {
    const schema = JSON.parse(await readFile(path.join(fixtureDir, '../../../manifest.schema.json'), 'utf8'));
    expect(schema.$defs.trigger.properties.triggerType.enum).to.deep.equal(Object.keys(TriggerTypes));
  });
});
