import { describe, it, expect, afterEach } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadProtoFiles } from '../schema/index.js';
import { openWorkspace } from './index.js';
import { removeDir, sampleRequest, tempDir } from './workspace.testkit.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

const V1 = `syntax = "proto3";
package shop;
message Item { string sku = 1; int32 qty = 2; }
message Order { string id = 1; repeated Item items = 2; Item gift = 3; map<string, string> labels = 4; }
message Ack {}
service Orders { rpc Place(Order) returns (Ack); rpc Cancel(Order) returns (Ack); }
`;
// v2 drops Cancel, renames Item.qty to quantity and Order.gift away.
const V2 = `syntax = "proto3";
package shop;
message Item { string sku = 1; int32 quantity = 2; }
message Order { string id = 1; repeated Item items = 2; map<string, string> labels = 4; }
message Ack {}
service Orders { rpc Place(Order) returns (Ack); }
`;

describe('reloading protos', () => {
  it('keeps saved requests and flags the ones whose method or fields are gone', () => {
    const dir = tempDir();
    dirs.push(dir);
    const ws = openWorkspace(dir);
    const proto = path.join(dir, 'shop.proto');
    writeFileSync(proto, V1);
    const schema = { kind: 'protoFiles' as const, files: ['shop.proto'], importPaths: ['.'] };
    const place = { schema, method: '/shop.Orders/Place' };
    ws.saveRequest(
      'shop/fine',
      sampleRequest({
        ...place,
        messages: [{ id: '1', items: [{ sku: 'a' }], labels: { anything: 'x' } }],
      }),
    );
    ws.saveRequest(
      'shop/qty',
      sampleRequest({
        ...place,
        messages: [
          { id: '1', items: [{ sku: 'a' }] },
          { id: '2', items: [{ sku: 'a' }, { sku: 'b', qty: 2 }], gift: { qty: 1 } },
        ],
      }),
    );
    ws.saveRequest(
      'shop/cancel',
      sampleRequest({ schema, method: '/shop.Orders/Cancel', messages: [{ id: '1' }] }),
    );
    ws.saveRequest('other/elsewhere', sampleRequest());

    const v1 = loadProtoFiles({ files: ['shop.proto'], importPaths: [dir] }).model;
    // Each request is checked against the schema of its own source: the default-source one is not.
    const ofShop = (r: { schema?: unknown }) => JSON.stringify(r.schema) === JSON.stringify(schema);
    expect(ws.flagStaleRequests(v1, ofShop)).toEqual([]);

    writeFileSync(proto, V2);
    const v2 = loadProtoFiles({ files: ['shop.proto'], importPaths: [dir] }).model;
    expect(ws.flagStaleRequests(v2, ofShop)).toEqual([
      { path: 'shop/cancel', problems: ['method /shop.Orders/Cancel is gone from the schema'] },
      {
        path: 'shop/qty',
        problems: [
          'messages[1].items[1].qty: no field "qty" in shop.Item any more',
          'messages[1].gift: no field "gift" in shop.Order any more',
        ],
      },
    ]);
    // Nothing was changed or removed.
    expect(ws.requestsUnder('shop')).toEqual(['shop/cancel', 'shop/fine', 'shop/qty']);
    expect(ws.readRequest('shop/qty').messages[1]).toMatchObject({ gift: { qty: 1 } });
    // Without a filter every saved request is checked: the one of another schema is flagged too.
    expect(ws.flagStaleRequests(v2).map((s) => s.path)).toContain('other/elsewhere');
  });
});
