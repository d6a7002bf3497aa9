import { expect } from 'chai';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../packages/storage/src/index.js';
import { sharedPostgresDatabase } from '../../packages/testing/src/index.js';
import { DirectoryAdminClient, DirectoryClient, enrolComponent } from '../../packages/directory-client/src/index.js';
import { ADMIN_TOKEN, codes, registrationFor, startTestDirectory, tempDir } from './fixtures.js';

const stores: Array<{ kind: string; open: () => Promise<() => Promise<Database>> }> = [
  { kind: 'sqlite file', open: async () => { const file = join(tempDir(), 'directory.sqlite'); return () => openDatabase({ sqliteFile: file }); } },
  { kind: 'postgres', open: async () => { const url = await sharedPostgresDatabase('dirrestart'); return () => openDatabase({ url }); } },
];

for (const store of stores) {
  describe(`directory: restarts with all state intact [${store.kind}] (F1)`, function () {
    this.timeout(60_000);

    it('F1: CA, components, certificates, paths, tokens and content version survive a restart', async () => {
      const reopen = await store.open();
      let db = await reopen();
      let dir = await startTestDirectory(db);
      const admin1 = new DirectoryAdminClient({ baseUrl: dir.url }, ADMIN_TOKEN);
      const opts = (baseUrl: string) => ({ directory: { baseUrl }, keystoreDir: ks, registration: registrationFor(codes.agrComponent, codes.agrParty, 'AGR') });
      const ks = tempDir();
      await enrolComponent(opts(dir.url)).catch(() => undefined);
      await admin1.approve(codes.agrComponent);
      const agr = await enrolComponent(opts(dir.url));
      await agr.setMessagePaths([{ sender: '*', businessType: 'A01' }]);
      await enrolComponent({ directory: { baseUrl: dir.url }, keystoreDir: tempDir(), registration: registrationFor(codes.dsoComponent, codes.dsoParty, 'DSO') }).catch(() => undefined);
      const before = await new DirectoryClient({ baseUrl: dir.url }).download(agr.componentToken);
      if (before.notModified) throw new Error('unexpected 304');
      const caBefore = dir.caCertificate;
      await dir.close();
      await db.destroy();

      db = await reopen();
      dir = await startTestDirectory(db);
      try {
        expect(dir.caCertificate).to.equal(caBefore);
        const client = new DirectoryClient({ baseUrl: dir.url });
        // The same token still works and the content is unchanged: 304 for the old version.
        expect(await client.download(agr.componentToken, before.content.version)).to.deep.equal({ notModified: true });
        const admin2 = new DirectoryAdminClient({ baseUrl: dir.url }, ADMIN_TOKEN);
        expect((await admin2.list()).map((c) => [c.code, c.status])).to.deep.equal([
          [codes.agrComponent, 'approved'],
          [codes.dsoComponent, 'pending'],
        ]);
        // A component approved after the restart is certified by the same CA as before.
        await admin2.approve(codes.dsoComponent);
        const agrAfter = await enrolComponent(opts(dir.url));
        expect(agrAfter.identity.serial).to.equal(agr.identity.serial);
        const dsoCert = (await admin2.get(codes.dsoComponent)).certificates.find((c) => c.usage === 'signing')!;
        const ca = new X509Certificate(caBefore);
        expect(new X509Certificate(dsoCert.pem).verify(ca.publicKey)).to.equal(true);
        expect(agr.identity.signingCertificate.verify(ca.publicKey)).to.equal(true);
      } finally {
        await dir.close();
        await db.destroy();
      }
    });
  });
}
