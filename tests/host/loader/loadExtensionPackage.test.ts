import { expect } from 'chai';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ExtensionLoadError, loadExtensionPackage } from '../../../host/loader/index.js';
import { builtFixture, hostVersion, packageVariant } from '../fixture.js';

type Manifest = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Loads a broken variant and answers the ExtensionLoadError it must be refused with. */
async function refusal(change: (manifest: Manifest) => void, copyModules = false): Promise<ExtensionLoadError> {
  const dir = await packageVariant(change, copyModules);
  try {
    await loadExtensionPackage(dir, { hostVersion });
  } catch (error) {
    expect(ExtensionLoadError.is(error), String(error)).to.equal(true);
    return error as ExtensionLoadError;
  }
  throw new Error('the package was loaded, expected a refusal');
}

describe('loadExtensionPackage', () => {
  before(async function () {
    this.timeout(120_000);
    await builtFixture();
  });

  it('loads every module the manifest names, in manifest order, with its default export', async () => {
    const pkg = await loadExtensionPackage(await builtFixture(), { hostVersion });
    expect(pkg.name).to.equal('Contoso.SampleExtension');
    expect(pkg.triggers.map((t) => [t.triggerType, t.exported.name])).to.deep.equal([
      ['ApplicationStart', 'SampleApplicationStartTrigger'],
      ['PreOperation', 'SamplePreOperationTrigger'],
      ['PostOperation', 'SamplePostOperationTrigger'],
      ['OperationFailure', 'SampleOperationFailureTrigger'],
      ['PostConnectionStatusChange', 'SampleConnectionStatusChangeTrigger'],
    ]);
    expect(pkg.triggers[1]?.name).to.equal('SamplePreOperation');
    expect(pkg.replacementRequestHandlers.map((h) => h.exported.name)).to.deep.equal(['GetProductByBarcodeClientRequestHandlerExt']);
    expect(pkg.requestHandlers.map((h) => h.exported.name)).to.deep.equal(['SampleStateRequestHandler']);
    expect(pkg.operations).to.have.length(1);
    expect(pkg.operations[0]?.operationId).to.equal(5000);
    expect(pkg.operations[0]?.factory.exported).to.be.a('function');
    expect(pkg.operations[0]?.handler.exported.name).to.equal('SampleOperationRequestHandler');
  });

  it('refuses a manifest missing a required field, naming it', async () => {
    const error = await refusal((m) => delete m.publisher);
    expect(error.code).to.equal('ManifestInvalid');
    expect(error.message).to.equal('manifest.json: /publisher is required');
  });

  it('refuses a field of the wrong type, naming its JSON path', async () => {
    const error = await refusal((m) => (m.components.create.operations[0].operationId = 5000));
    expect(error.message).to.contain('manifest.json: /components/create/operations/0/operationId must be string');
  });

  it('refuses an unknown trigger type, listing the known ones', async () => {
    const error = await refusal((m) => (m.components.extend.triggers[0].triggerType = 'PreSaleMagic'));
    expect(error.message).to.match(/^manifest\.json: \/components\/extend\/triggers\/0\/triggerType must be one of ApplicationStart, .*PostVoidTransaction$/);
  });

  it('refuses an unknown property instead of ignoring a typo', async () => {
    const error = await refusal((m) => (m.components.extend.trigers = []));
    expect(error.message).to.equal('manifest.json: /components/extend/trigers is not allowed');
  });

  it('refuses a version that is not semver', async () => {
    const error = await refusal((m) => (m.version = 'one'));
    expect(error.message).to.contain('/version must be a semantic version');
  });

  it('refuses a duplicate operationId, naming both entries', async () => {
    const error = await refusal((m) => m.components.create.operations.push({ ...m.components.create.operations[0] }));
    expect(error.message).to.equal(
      'manifest.json: /components/create/operations/1/operationId "5000" duplicates /components/create/operations/0/operationId',
    );
  });

  it('refuses a package that needs a newer POS, naming both versions', async () => {
    const error = await refusal((m) => (m.minimumPosVersion = '9.100.0'));
    expect(error.code).to.equal('PosVersionTooOld');
    expect(error.message).to.contain('9.100.0').and.to.contain(hostVersion);
  });

  it('refuses a manifest whose modulePath has no built module, naming the path', async () => {
    const dir = await packageVariant(() => undefined);
    await rm(path.join(dir, 'Extend/Triggers/SamplePostOperationTrigger.js'));
    const error = await loadExtensionPackage(dir, { hostVersion }).then(
      () => expect.fail('loaded'),
      (e: unknown) => e as ExtensionLoadError,
    );
    expect(error.code).to.equal('ModuleNotFound');
    expect(error.message).to.contain('/components/extend/triggers/2/modulePath "Extend/Triggers/SamplePostOperationTrigger"');
  });

  it('refuses a module that does not default-export a class', async () => {
    const error = await refusal((m) => (m.components.extend.triggers[0].modulePath = 'Create/Operations/SampleOperation/SampleOperationRequestFactory'), true);
    expect(error.code).to.equal('ModuleExportInvalid');
    expect(error.message).to.contain('/components/extend/triggers/0/modulePath').and.to.contain('must default-export a class');
  });

  it('refuses a folder without manifest.json', async () => {
    const error = await loadExtensionPackage(path.join(await builtFixture(), 'Extend'), { hostVersion }).catch((e: unknown) => e);
    expect(ExtensionLoadError.is(error) && error.code).to.equal('ManifestNotFound');
  });
});
