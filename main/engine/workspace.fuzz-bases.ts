// Valid inputs of the workspace commands, for the router fuzz test to corrupt.
import type { WorkspaceCommandName } from './workspace.js';

const request = {
  name: 'Get',
  connection: { address: '127.0.0.1:1', security: { kind: 'plaintext' } },
  schema: { kind: 'descriptorSet', files: ['/nonexistent/x.pb'] },
  method: '/example.UserService/GetUser',
  messages: [{ id: '{{userId}}' }],
  metadata: [{ key: 'x-token', value: '{{token}}' }],
  options: {},
  notes: '',
};

export function workspaceBases(): Record<WorkspaceCommandName, Record<string, unknown>> {
  return {
    'workspace.open': {},
    'workspace.tree': {},
    'request.read': { path: 'fuzz/get' },
    'request.save': { path: 'fuzz/get', request },
    'request.saveAs': { folder: 'fuzz', name: 'other', request },
    'request.rename': { path: 'fuzz/get', name: 'renamed' },
    'request.duplicate': { path: 'fuzz/get' },
    'request.move': { path: 'fuzz/get', toFolder: 'fuzz/sub' },
    'request.delete': { path: 'fuzz/none' },
    'request.restore': { path: 'fuzz/restored', request },
    'folder.create': { path: 'fuzz/sub' },
    'folder.rename': { path: 'fuzz/none', name: 'x' },
    'folder.move': { path: 'fuzz/none', toParent: '' },
    'folder.delete': { path: 'fuzz/none' },
    'folder.readSettings': { path: 'fuzz' },
    'folder.saveSettings': { path: 'fuzz', settings: { auth: { type: 'bearer', token: '{{t}}' } } },
    'environment.list': {},
    'environment.read': { name: 'none' },
    'environment.save': {
      name: 'fuzz',
      variables: [
        { name: 'userId', value: '1' },
        { name: 'token', secret: true, value: 's' },
      ],
    },
    'environment.delete': { name: 'none' },
    'environment.select': { name: null },
    'secret.set': { environment: 'none', name: 'token', value: 'x' },
    'history.list': { limit: 5 },
    'history.search': { query: 'x' },
    'history.get': { id: 'none' },
    'history.clear': {},
    'import.grpcurl': {
      command: 'grpcurl -plaintext -d \'{"id":"1"}\' 127.0.0.1:1 example.UserService/GetUser',
    },
    'export.collection': { collection: 'none' },
    'import.collection': { text: '{"format":"gwb-collection"}' },
    'workspace.prepare': { request, environment: null },
    'workspace.staleRequests': { schemaId: 'schema-none' },
  };
}
