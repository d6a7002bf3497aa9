// HTML documentation rendered from the RAML contract itself, so /docs can never drift from it.
import type { RequestHandler } from 'express';
import { readFileSync } from 'node:fs';
import { parseRamlContract, type RamlContract } from './raml-contract.js';

function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface JsonResource {
  relativeUri?: string;
  absoluteUri?: string;
  description?: string;
  methods?: Array<{ method: string; description?: string; queryParameters?: Record<string, { type?: string[]; description?: string; required?: boolean }>; body?: Record<string, { type?: string[]; example?: unknown }>; responses?: Record<string, { code: string; description?: string; body?: Record<string, { type?: string[] }> }> }>;
  resources?: JsonResource[];
}

function renderResource(r: JsonResource, prefix: string): string {
  const uri = prefix + (r.relativeUri ?? '');
  let html = '';
  for (const m of r.methods ?? []) {
    const qp = Object.entries(m.queryParameters ?? {})
      .map(([n, p]) => `<li><code>${esc(n)}</code> ${esc(p.type?.join(' | '))}${p.required ? ' (required)' : ''} — ${esc(p.description)}</li>`)
      .join('');
    const body = Object.entries(m.body ?? {})
      .map(([ct, b]) => `<p>Request body <code>${esc(ct)}</code>: <code>${esc(b.type?.join(' | '))}</code></p>`)
      .join('');
    const responses = Object.values(m.responses ?? {})
      .map((resp) => `<li><b>${esc(resp.code)}</b> ${esc(resp.description)} ${Object.entries(resp.body ?? {}).map(([ct, b]) => `<code>${esc(ct)}</code> <code>${esc(b.type?.join(' | '))}</code>`).join(' ')}</li>`)
      .join('');
    html += `<section><h3><span class="m">${esc(m.method.toUpperCase())}</span> <code>${esc(uri)}</code></h3><p>${esc(m.description)}</p>${qp ? `<p>Query parameters</p><ul>${qp}</ul>` : ''}${body}<p>Responses</p><ul>${responses}</ul></section>`;
  }
  for (const child of r.resources ?? []) html += renderResource(child, uri);
  return html;
}

export function renderRamlHtml(contract: RamlContract): string {
  const json = contract.json as { title?: string; version?: string; description?: string; resources?: JsonResource[] };
  const body = (json.resources ?? []).map((r) => renderResource(r, '')).join('');
  const types = contract.typeNames.map((t) => `<li><code>${esc(t)}</code></li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(json.title)} — API</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}section{border-top:1px solid #ddd;padding:.5rem 0}.m{display:inline-block;min-width:4.5rem;font-weight:700}code{background:#f4f4f4;padding:0 .2rem}</style></head>
<body><h1>${esc(json.title)} <small>${esc(json.version)}</small></h1><p>${esc(json.description)}</p><p>The contract: <a href="docs/api.raml">api.raml</a> (RAML 1.0).</p>${body}<h2>Types</h2><ul>${types}</ul></body></html>`;
}

/**
 * GET /docs (HTML) and GET /docs/api.raml (the source), the HTML rendered on the first GET /docs:
 * a serving process then never loads the RAML parser nor keeps the parsed contract (issue 14:
 * ≈ 40 MB of the idle AGR/BRP process).
 * The contract itself is checked by the contract tests, as before.
 */
export function lazyRamlDocsHandlers(ramlFile: string): { html: RequestHandler; source: RequestHandler } {
  const source = readFileSync(ramlFile, 'utf8');
  let html: Promise<string> | undefined;
  return {
    html: (_req, res, next) => {
      html ??= parseRamlContract(ramlFile).then(renderRamlHtml);
      html.then(
        (page) => void res.type('html').send(page),
        (err: unknown) => {
          html = undefined; // a later request tries again
          next(err);
        },
      );
    },
    source: (_req, res) => {
      res.type('application/raml+yaml').send(source);
    },
  };
}
