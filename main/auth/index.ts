export { effectiveAuth, type EffectiveAuth } from './resolve-auth.js';
export {
  applyAuth,
  refuseDuplicateHeader,
  type AuthDeps,
  type AppliedAuth,
  type Substituted,
} from './apply-auth.js';
export { createTokenCache, type TokenCache, type OAuth2Params } from './oauth2-token.js';
export { BASIC_SECRET_NAME, OAUTH2_SECRET_NAME, basicCredentials } from './auth-header.js';
