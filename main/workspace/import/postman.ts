// The gRPC requests of a Postman v2.1 collection. Postman's own export of gRPC requests is not
// publicly documented (its tracker says exporting gRPC collections is limited), so this reads the
// documented v2.1 schema: items whose URL uses the grpc:// or grpcs:// protocol, the method as the
// URL path (`/package.Service/Method`) or in `request.methodPath`, metadata from `header` (disabled
// rows kept disabled), the message from a raw body. HTTP items are skipped and counted.
import { z } from 'zod';
import { lazySchema } from '../../../shared/request/lazy-schema.js';
import type { JsonValue } from '../../../shared/calls/events.js';
import {
  RequestDocumentSchema,
  toMethodPath,
  type RequestDocument,
} from '../../../shared/request/document.js';
import { parseJsonText, validate } from '../store/json-file.js';
import { WorkspaceError } from '../store/workspace-error.js';

const UrlSchema = lazySchema(() =>
  z.union([
    z.string(),
    z.looseObject({
      raw: z.string().optional(),
      protocol: z.string().optional(),
      host: z.union([z.string(), z.array(z.string())]).optional(),
      port: z.string().optional(),
      path: z
        .union([
          z.string(),
          z.array(z.union([z.string(), z.looseObject({ value: z.string().optional() })])),
        ])
        .optional(),
    }),
  ]),
);

const HeaderSchema = lazySchema(() =>
  z.looseObject({
    key: z.string(),
    value: z.string().optional(),
    disabled: z.boolean().optional(),
  }),
);

const RequestSchema = lazySchema(() =>
  z.looseObject({
    url: UrlSchema.optional(),
    method: z.string().optional(),
    methodPath: z.string().optional(),
    header: z.union([z.array(HeaderSchema), z.string()]).optional(),
    body: z.looseObject({ mode: z.string().optional(), raw: z.string().optional() }).nullish(),
    description: z
      .union([z.string(), z.looseObject({ content: z.string().optional() })])
      .optional(),
  }),
);

interface PostmanItem {
  name?: string;
  item?: PostmanItem[];
  request?: unknown;
}

const ItemSchema: z.ZodType<PostmanItem> = lazySchema(() =>
  z.lazy(() =>
    z.looseObject({
      name: z.string().optional(),
      item: z.array(ItemSchema).optional(),
      request: z.unknown().optional(),
    }),
  ),
);

const CollectionSchema = lazySchema(() =>
  z.looseObject({
    info: z.looseObject({ name: z.string(), schema: z.string().optional() }),
    item: z.array(ItemSchema),
  }),
);

export interface PostmanImport {
  collectionName: string;
  /** Folder path inside the collection ('' for the top) and the request. */
  requests: { folder: string[]; name: string; request: RequestDocument }[];
  skipped: { name: string; reason: string }[];
}

function urlParts(url: z.infer<typeof UrlSchema>): {
  protocol: string;
  address: string;
  path: string;
} {
  if (typeof url === 'string' || (url.raw !== undefined && url.host === undefined)) {
    const raw = typeof url === 'string' ? url : (url.raw ?? '');
    const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/]*)(\/.*)?$/i.exec(raw.trim());
    return {
      protocol: (match?.[1] ?? '').toLowerCase(),
      address: match?.[2] ?? '',
      path: match?.[3] ?? '',
    };
  }
  const host = Array.isArray(url.host) ? url.host.join('.') : (url.host ?? '');
  const segments =
    typeof url.path === 'string'
      ? [url.path]
      : (url.path ?? []).map((p) => (typeof p === 'string' ? p : (p.value ?? '')));
  const protocol = (url.protocol ?? /^([a-z]+):\/\//i.exec(url.raw ?? '')?.[1] ?? '').toLowerCase();
  return {
    protocol,
    address: url.port ? `${host}:${url.port}` : host,
    path: segments.length > 0 ? `/${segments.join('/')}` : '',
  };
}

function body(raw: string | undefined, where: string): JsonValue {
  if (raw === undefined || raw.trim() === '') return {};
  // Postman variables in non-string positions ({"n": {{n}}}) are not JSON; keep them as strings.
  const text = raw.replace(/:\s*(\{\{[^{}]+\}\})/g, ': "$1"');
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new WorkspaceError(`${where}: the message is not JSON: ${(error as Error).message}`);
  }
}

function toRequest(name: string, raw: unknown, where: string): RequestDocument {
  const request = validate(RequestSchema, raw, where);
  if (request.url === undefined) throw new WorkspaceError(`${where}: no url`);
  const url = urlParts(request.url);
  if (url.protocol !== 'grpc' && url.protocol !== 'grpcs')
    throw new WorkspaceError(`not a gRPC request (url protocol "${url.protocol || 'none'}")`);
  const symbol = request.methodPath ?? (url.path.length > 1 ? url.path : request.method);
  if (symbol === undefined || symbol === '')
    throw new WorkspaceError(
      `${where}: no method (expected grpc://host:port/package.Service/Method)`,
    );
  const method = toMethodPath(symbol);
  if (method === undefined)
    throw new WorkspaceError(`${where}: "${symbol}" is not a method name (SERVICE/METHOD)`);
  const headers = Array.isArray(request.header) ? request.header : [];
  const description =
    typeof request.description === 'string'
      ? request.description
      : (request.description?.content ?? '');
  return validate(
    RequestDocumentSchema,
    {
      name,
      connection: {
        address: url.address,
        security: url.protocol === 'grpcs' ? { kind: 'tls' } : { kind: 'plaintext' },
      },
      method,
      messages: [body(request.body?.raw, where)],
      metadata: headers.map((h) => ({
        key: h.key.toLowerCase(),
        value: h.value ?? '',
        ...(h.disabled ? { enabled: false } : {}),
      })),
      options: {},
      notes: description,
    },
    where,
  );
}

export function parsePostmanCollection(text: string, file = 'Postman collection'): PostmanImport {
  const collection = validate(CollectionSchema, parseJsonText(text, file), file);
  const out: PostmanImport = { collectionName: collection.info.name, requests: [], skipped: [] };
  const walk = (items: PostmanItem[], folder: string[]): void => {
    items.forEach((item, i) => {
      const name = item.name ?? `request ${i + 1}`;
      if (item.item) {
        walk(item.item, [...folder, name]);
        return;
      }
      try {
        out.requests.push({
          folder,
          name,
          request: toRequest(name, item.request, `${file}: ${[...folder, name].join(' / ')}`),
        });
      } catch (error) {
        out.skipped.push({ name: [...folder, name].join('/'), reason: (error as Error).message });
      }
    });
  };
  walk(collection.item, []);
  return out;
}
