import { expect } from 'chai';
import { webcrypto } from 'node:crypto';
import type { Knex } from 'knex';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import { EC_ALGORITHM, generateKeyAndCsr, x509, type RegistrationRequest } from '../../packages/directory-client/src/index.js';
import type { RunningDirectory } from '../src/index.js';
import { ADMIN_TOKEN, codes, registrationFor, rowCounts, startTestDirectory } from './fixtures.js';

async function validRegistration(code = codes.agrComponent, party = codes.agrParty): Promise<RegistrationRequest> {
  const s = await generateKeyAndCsr(code, 'Org');
  const a = await generateKeyAndCsr(code, 'Org');
  return { ...registrationFor(code, party, 'AGR'), signingCsr: s.csrPem, authenticationCsr: a.csrPem };
}

/** A CSR carrying one public key but signed with another private key. */
async function mismatchedCsr(code: string): Promise<string> {
  const k1 = (await webcrypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const k2 = (await webcrypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: `CN=${code}`, keys: { publicKey: k1.publicKey, privateKey: k2.privateKey }, signingAlgorithm: EC_ALGORITHM });
  return csr.toString('pem');
}

describeEachDatabase('directory: bad input is refused with problem+json and nothing stored (F1)', (dut) => {
  let db: Knex;
  let dir: RunningDirectory;
  beforeEach(async () => {
    db = await dut.open();
    dir = await startTestDirectory(db);
  });
  afterEach(async () => {
    await dir.close();
    await db.destroy();
  });

  async function call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(dir.url + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, unknown> };
  }

  async function expectRefused(status: number, method: string, path: string, body?: unknown, token?: string): Promise<Record<string, unknown>> {
    const before = await rowCounts(db);
    const res = await call(method, path, body, token);
    expect(res.status, JSON.stringify(res.body)).to.equal(status);
    expect(res.type).to.contain('application/problem+json');
    expect(res.body.detail).to.be.a('string').and.not.equal('');
    expect(await rowCounts(db)).to.deep.equal(before);
    return res.body;
  }

  async function registered(code = codes.agrComponent, party = codes.agrParty): Promise<string> {
    const res = await call('POST', '/api/registrations', await validRegistration(code, party));
    expect(res.status).to.equal(201);
    return res.body.componentToken as string;
  }

  it('F1: a malformed CSR is refused (400)', async () => {
    const body = { ...(await validRegistration()), signingCsr: '-----BEGIN CERTIFICATE REQUEST-----\nbm90IGEgY3Ny\n-----END CERTIFICATE REQUEST-----\n' };
    const p = await expectRefused(400, 'POST', '/api/registrations', body);
    expect(JSON.stringify(p.errors)).to.contain('signingCsr');
  });

  it('F1: a CSR whose signature does not match its public key is refused (400)', async () => {
    const body = { ...(await validRegistration()), authenticationCsr: await mismatchedCsr(codes.agrComponent) };
    const p = await expectRefused(400, 'POST', '/api/registrations', body);
    expect(String(p.detail)).to.contain('not signed by the key it carries');
  });

  it('F1: a CSR naming another component, or one key for both usages, is refused (400)', async () => {
    const other = await generateKeyAndCsr(codes.dsoComponent, 'Org');
    await expectRefused(400, 'POST', '/api/registrations', { ...(await validRegistration()), signingCsr: other.csrPem });
    const same = await validRegistration();
    await expectRefused(400, 'POST', '/api/registrations', { ...same, authenticationCsr: same.signingCsr });
  });

  it('F1: an invalid EIC code, party or role is refused (400)', async () => {
    const good = await validRegistration();
    await expectRefused(400, 'POST', '/api/registrations', { ...good, code: '10V000000000AGRX' });
    await expectRefused(400, 'POST', '/api/registrations', { ...good, parties: [{ party: 'NOT-AN-EIC', role: 'AGR' }] });
    await expectRefused(400, 'POST', '/api/registrations', { ...good, parties: [{ party: codes.agrParty, role: 'KING' }] });
    await expectRefused(400, 'POST', '/api/registrations', { ...good, extra: 1 });
  });

  it('F1: a duplicate component code, or a party already represented, is refused (409)', async () => {
    await registered();
    await expectRefused(409, 'POST', '/api/registrations', await validRegistration());
    const p = await expectRefused(409, 'POST', '/api/registrations', await validRegistration(codes.otherComponent, codes.agrParty));
    expect(p.parties).to.deep.equal([codes.agrParty]);
  });

  it('F1: an unknown component is 404 for the administrator', async () => {
    await expectRefused(404, 'POST', `/api/admin/components/${codes.otherComponent}/approve`, undefined, ADMIN_TOKEN);
    await expectRefused(404, 'GET', `/api/admin/components/${codes.otherComponent}`, undefined, ADMIN_TOKEN);
  });

  it('F1: an unapproved component asking for certificates or the directory gets 409; a revoked one 403', async () => {
    const token = await registered();
    const p = await expectRefused(409, 'GET', `/api/components/${codes.agrComponent}/certificates`, undefined, token);
    expect(p.componentStatus).to.equal('pending');
    await expectRefused(409, 'GET', '/api/directory', undefined, token);
    expect((await call('POST', `/api/admin/components/${codes.agrComponent}/revoke`, undefined, ADMIN_TOKEN)).status).to.equal(200);
    await expectRefused(403, 'GET', `/api/components/${codes.agrComponent}/certificates`, undefined, token);
    await expectRefused(403, 'POST', `/api/components/${codes.agrComponent}/renewal`, { signingCsr: (await generateKeyAndCsr(codes.agrComponent, 'O')).csrPem }, token);
    await expectRefused(409, 'POST', `/api/admin/components/${codes.agrComponent}/approve`, undefined, ADMIN_TOKEN);
  });

  it('F1: a wrong, missing or foreign token is refused (401/403)', async () => {
    const token = await registered();
    await registered(codes.dsoComponent, codes.dsoParty);
    await call('POST', `/api/admin/components/${codes.agrComponent}/approve`, undefined, ADMIN_TOKEN);
    await expectRefused(401, 'POST', `/api/admin/components/${codes.dsoComponent}/approve`, undefined, 'wrong-admin-token');
    await expectRefused(401, 'GET', '/api/admin/components');
    await expectRefused(401, 'GET', '/api/admin/components', undefined, token); // a component token is not an admin token
    await expectRefused(401, 'GET', `/api/components/${codes.agrComponent}/certificates`, undefined, `${codes.agrComponent}.forged`);
    await expectRefused(401, 'GET', '/api/directory', undefined, 'garbage');
    // A component may only act for itself.
    await expectRefused(403, 'PUT', `/api/components/${codes.dsoComponent}/message-paths`, { paths: [{ sender: '*', businessType: '*' }] }, token);
    expect((await call('GET', '/api/admin/components/' + codes.dsoComponent, undefined, ADMIN_TOKEN)).body.status).to.equal('pending');
  });

  it('F1: without TPS_ADMIN_TOKEN the admin API refuses everything (401)', async () => {
    await dir.close();
    dir = await startTestDirectory(db, { adminToken: undefined });
    await registered();
    const p = await expectRefused(401, 'POST', `/api/admin/components/${codes.agrComponent}/approve`, undefined, 'anything');
    expect(String(p.detail)).to.contain('TPS_ADMIN_TOKEN');
  });

  it('F1: malformed message paths are refused (400)', async () => {
    const token = await registered();
    await call('POST', `/api/admin/components/${codes.agrComponent}/approve`, undefined, ADMIN_TOKEN);
    const url = `/api/components/${codes.agrComponent}/message-paths`;
    await expectRefused(400, 'PUT', url, { paths: [{ sender: 'someone', businessType: 'A01' }] }, token);
    await expectRefused(400, 'PUT', url, { paths: [{ sender: '*', businessType: 'A*B' }] }, token);
    await expectRefused(400, 'PUT', url, { paths: [{ sender: '*', businessType: 'A01', validFrom: '2030-01-02T00:00:00Z', validUntil: '2030-01-01T00:00:00Z' }] }, token);
  });
});
