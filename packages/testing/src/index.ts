export { freePort } from './free-port.js';
export { RabbitNode, sharedRabbitMQ, type RabbitTlsOptions } from './rabbitmq.js';
export { PostgresServer, sharedPostgresDatabase } from './postgres.js';
export { stopAllServers } from './servers.js';
export { referenceSchemaDir, repoRoot } from './reference.js';
export { describeEachDatabase, databasesUnderTest, type DatabaseUnderTest } from './each-database.js';
export { compareRoutes } from './raml-check.js';
export { startRabbitCluster, type RabbitCluster } from './rabbit-cluster.js';
export { cpuSecondsOf } from './process-cpu.js';
