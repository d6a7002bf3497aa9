// NF2: the whole platform with Docker Compose — checked offline (no engine, no docker-compose).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { checkCompose, readEnvExample, serviceEnvironment, sharedNetworks, type ComposeContext } from './compose-check.js';
import { parseDockerfile } from './dockerfile-check.js';
import { isObject, parseYamlDocuments, platformEnvironmentVariables, readYamlDocuments, repoPath, type JsonObject } from './repo.js';

const composePath = repoPath('docker', 'compose.yaml');
const rawText = readFileSync(composePath, 'utf8');
const load = (text: string): JsonObject => {
  const docs = parseYamlDocuments(text, composePath);
  expect(docs).to.have.length(1);
  return docs[0] as JsonObject;
};
const compose = load(rawText);
const services = compose.services as Record<string, JsonObject>;

// Environment variables the official images read, from their documentation (Docker Hub), plus
// the variables docker/postgres/init-databases.sh reads (checked against the script below).
const initScript = readFileSync(repoPath('docker', 'postgres', 'init-databases.sh'), 'utf8');
const initScriptVars = new Set([...initScript.matchAll(/\$\{?([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!));
const ctx: ComposeContext = {
  dir: repoPath('docker'),
  platformEnv: platformEnvironmentVariables(),
  imageEnv: {
    rabbitmq: new Set(['RABBITMQ_DEFAULT_USER', 'RABBITMQ_DEFAULT_PASS', 'RABBITMQ_DEFAULT_VHOST']),
    postgres: new Set(['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB', 'PGDATA', ...initScriptVars]),
  },
  interpolationVars: readEnvExample(repoPath('docker', '.env.example')),
  dockerfileHasHealthcheck: (file) => parseDockerfile(readFileSync(file, 'utf8')).stages.at(-1)!.instructions.some((i) => i.op === 'HEALTHCHECK'),
};
const depends = (name: string): Record<string, JsonObject> => (services[name]!.depends_on ?? {}) as Record<string, JsonObject>;

describe('NF2: docker/compose.yaml', () => {
  it('NF2: parses and defines RabbitMQ, PostgreSQL, directory, core, one AGR/BRP, one DSO endpoint and the approval job', () => {
    expect(Object.keys(services).sort()).to.deep.equal(['agr', 'approve', 'core', 'directory', 'dso', 'postgres', 'rabbitmq']);
    expect(String(services.rabbitmq!.image)).to.match(/^rabbitmq:[\d.]+-management$/);
    expect(String(services.postgres!.image)).to.match(/^postgres:\d+/);
    for (const [name, component] of [['directory', 'directory'], ['core', 'core'], ['agr', 'agr'], ['dso', 'dso']] as const) {
      expect(services[name]!.command, name).to.deep.equal(['serve', component]);
      expect(services[name]!.build, name).to.deep.equal({ context: '..', dockerfile: 'docker/Dockerfile' });
    }
  });

  it('NF2: references only defined services, volumes, networks, files and environment variables', () => {
    expect(checkCompose(compose, rawText, ctx)).to.deep.equal([]);
  });

  it('NF2: the structural check catches broken references (mutations)', () => {
    const mutate = (f: (doc: JsonObject) => void): string[] => {
      const doc = structuredClone(compose);
      f(doc);
      return checkCompose(doc, rawText, ctx);
    };
    const svc = (doc: JsonObject, name: string): JsonObject => (doc.services as JsonObject)[name] as JsonObject;
    expect(mutate((d) => (svc(d, 'core').depends_on = { rabbitmqq: { condition: 'service_healthy' } })).join()).to.contain("undefined service 'rabbitmqq'");
    expect(mutate((d) => (svc(d, 'core').volumes = ['core-dat:/data'])).join()).to.contain("volume 'core-dat' is not defined");
    expect(mutate((d) => (svc(d, 'agr').networks = ['agr-nett'])).join()).to.contain("network 'agr-nett' is not defined");
    expect(mutate((d) => ((svc(d, 'dso').environment as JsonObject).TPS_DSO_PORTT = '1')).join()).to.contain('TPS_DSO_PORTT is not read by the platform');
    expect(mutate((d) => ((svc(d, 'rabbitmq').environment as JsonObject).RABBITMQ_ERLANG_COOKIE = 'x')).join()).to.contain('RABBITMQ_ERLANG_COOKIE');
    expect(mutate((d) => delete (svc(d, 'rabbitmq') as JsonObject).healthcheck).join()).to.contain('rabbitmq has no health check');
    expect(mutate((d) => (svc(d, 'postgres').volumes = ['./postgres/missing.sh:/x'])).join()).to.contain('missing.sh does not exist');
    expect(mutate((d) => (svc(d, 'core').build = { context: '..', dockerfile: 'docker/Dockerfile.nope' })).join()).to.contain('does not exist');
    expect(mutate((d) => (svc(d, 'core').depends_on = { directory: { condition: 'healthy' } })).join()).to.contain('without a valid condition');
    expect(checkCompose(compose, `${rawText}\n# \${UNDEFINED_SECRET}`, ctx).join()).to.contain('UNDEFINED_SECRET');
  });

  it('NF2: start order is health-checked: infrastructure healthy → directory healthy → components', () => {
    expect(depends('directory')).to.deep.equal({ postgres: { condition: 'service_healthy' } });
    for (const c of ['core', 'agr', 'dso']) {
      expect(depends(c), c).to.deep.equal({
        rabbitmq: { condition: 'service_healthy' },
        postgres: { condition: 'service_healthy' },
        directory: { condition: 'service_healthy' },
      });
    }
    expect(depends('approve').directory).to.deep.equal({ condition: 'service_healthy' });
    for (const infra of ['rabbitmq', 'postgres']) expect(services[infra]!.healthcheck, infra).to.have.property('test');
  });

  it('NF2: RabbitMQ and PostgreSQL keep their data on named volumes; every component has a persistent /data (keystore)', () => {
    expect(services.rabbitmq!.volumes).to.include('rabbitmq-data:/var/lib/rabbitmq');
    expect(services.postgres!.volumes).to.include('postgres-data:/var/lib/postgresql/data');
    for (const c of ['directory', 'core', 'agr', 'dso']) {
      expect(services[c]!.volumes, c).to.include(`${c}-data:/data`);
      expect(serviceEnvironment(services[c]!).TPS_DATA_DIR, c).to.equal('/data');
    }
  });

  it('NF2: components are configured for real servers only through platform environment variables', () => {
    for (const c of ['directory', 'core', 'agr', 'dso']) {
      const env = serviceEnvironment(services[c]!);
      expect(env.DATABASE_URL, c).to.match(/^postgres:\/\/tps_\w+:\$\{\w+\}@postgres:5432\/tps_\w+$/);
      expect(env.TPS_DIRECTORY_URL, c).to.equal('http://directory:8700');
      expect(env.TPS_HOST, c).to.equal('0.0.0.0');
      expect(env.TPS_DIRECTORY_AUTO_APPROVE, `${c}: no auto-approval outside development`).to.equal(undefined);
      if (c !== 'directory') expect(env.AMQP_URL, c).to.match(/^amqp:\/\/tps:\$\{RABBITMQ_PASSWORD\}@rabbitmq:5672$/);
    }
    expect(serviceEnvironment(services.directory!).AMQP_URL, 'the directory is REST only').to.equal(undefined);
    // each component owns one database, created by the init script
    for (const c of ['directory', 'core', 'agr', 'dso']) {
      expect(initScript).to.match(new RegExp(`create tps_${c} "\\$TPS_${c.toUpperCase()}_DB_PASSWORD"`));
    }
  });

  it('NF2: secrets come from docker/.env (required, no defaults), documented in .env.example', () => {
    for (const secret of ['RABBITMQ_PASSWORD', 'POSTGRES_PASSWORD', 'TPS_ADMIN_TOKEN', 'TPS_CORE_DB_PASSWORD']) {
      expect(rawText, secret).to.match(new RegExp(`\\$\\{${secret}:\\?`));
      expect(ctx.interpolationVars.has(secret), secret).to.equal(true);
    }
  });

  it('NF2: the one-shot job approves core, AGR and DSO with the admin token, and never restarts', () => {
    const job = services.approve!;
    expect(job.entrypoint).to.deep.equal(['/bin/sh', '/app/docker/approve-components.sh']);
    expect(job.restart).to.equal('no');
    expect(serviceEnvironment(job).TPS_ADMIN_TOKEN).to.equal('${TPS_ADMIN_TOKEN}');
    const codes = job.command as string[];
    expect(codes).to.have.length(3);
    const k8sJob = readYamlDocuments(repoPath('kubernetes', 'base', 'approve-job.yaml'))[0] as JsonObject;
    const container = ((((k8sJob.spec as JsonObject).template as JsonObject).spec as JsonObject).containers as JsonObject[])[0]!;
    expect(container.args, 'same codes in compose and Kubernetes').to.deep.equal(codes);
    for (const code of codes) expect(code).to.match(/^[0-9]{2}[A-Z0-9-]{13}[A-Z0-9-]$/);
  });

  it('F1: AGR/BRP and DSO endpoints share no network (no direct path), both reach RabbitMQ and the directory', () => {
    expect(sharedNetworks(compose, 'agr', 'dso')).to.deep.equal([]);
    for (const e of ['agr', 'dso', 'core']) {
      expect(sharedNetworks(compose, e, 'rabbitmq'), e).to.not.be.empty;
      expect(sharedNetworks(compose, e, 'directory'), e).to.not.be.empty;
      expect(sharedNetworks(compose, e, 'postgres'), e).to.not.be.empty;
    }
    expect(sharedNetworks(compose, 'agr', 'core'), 'endpoints reach the core only through RabbitMQ').to.deep.equal([]);
    expect(sharedNetworks(compose, 'dso', 'core')).to.deep.equal([]);
    const mutated = structuredClone(compose);
    ((mutated.services as JsonObject).dso as JsonObject).networks = ['dso-net', 'agr-net'];
    expect(sharedNetworks(mutated, 'agr', 'dso')).to.deep.equal(['agr-net']);
  });

  it('NF2: only the REST facades and GUI are published beyond localhost', () => {
    for (const [name, svc] of Object.entries(services)) {
      for (const p of (svc.ports ?? []) as string[]) {
        if (!p.startsWith('127.0.0.1:')) expect(['core', 'agr', 'dso'], `${name} publishes ${p}`).to.include(name);
      }
    }
    expect(isObject(compose.volumes)).to.equal(true);
  });
});
