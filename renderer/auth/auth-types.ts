// The auth types as the Auth section offers them, and a new auth of each (zod-free: the renderer).
import type { Auth, AuthType } from '../../shared/request/auth.js';

export const AUTH_TYPE_LABELS: Record<AuthType, string> = {
  inherit: 'Inherit from folder',
  none: 'None',
  bearer: 'Bearer token',
  basic: 'Basic (user + password)',
  apiKey: 'API key in a header',
  oauth2: 'OAuth2 client credentials',
};

export function newAuth(type: AuthType): Auth {
  switch (type) {
    case 'inherit':
    case 'none':
      return { type };
    case 'bearer':
      return { type, token: '' };
    case 'basic':
      return { type, username: '', password: '' };
    case 'apiKey':
      return { type, header: 'x-api-key', value: '' };
    case 'oauth2':
      return { type, tokenUrl: '', clientId: '', clientSecret: '', scope: '', audience: '' };
  }
}
