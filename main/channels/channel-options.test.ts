import { describe, expect, it } from 'vitest';
import { channelOptions } from './channel-options.js';

describe('channelOptions', () => {
  it("turns off grpc-js's retry buffer, which makes long client streams quadratic", () => {
    const options = channelOptions({ target: '127.0.0.1:1', security: { kind: 'plaintext' } });
    expect(options['grpc.enable_retries']).toBe(0);
    expect(options['grpc.per_rpc_retry_buffer_size']).toBe(0);
  });

  it('keeps the per-config options beside them', () => {
    const options = channelOptions({
      target: '127.0.0.1:1',
      security: { kind: 'plaintext' },
      authority: 'api.example',
      maxReceiveBytes: 1024,
    });
    expect(options['grpc.default_authority']).toBe('api.example');
    expect(options['grpc.max_receive_message_length']).toBe(1024);
    expect(options['grpc.enable_retries']).toBe(0);
  });
});
