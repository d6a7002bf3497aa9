export { HttpProblem, ProblemCode, type ProblemFieldError } from './problem.js';
export { problemHandler, notFoundHandler } from './error-middleware.js';
export { createLogger, type Logger } from './logger.js';
export { createMetrics, registerReadGauge } from './metrics.js';
export { createBaseApp, type BaseApp, type BaseAppOptions, type HealthCheck } from './base-app.js';
export { serveInFront, FrontExchange, type FrontPlumbing } from './front-route.js';
export { ClientGone, type AbortSource, type AbortListener } from './client-gone.js';
export { listen, type RunningServer, type ListenOptions, type ServerTls } from './server.js';
