/**
 * The words readconf.c accepts for its yes/no-style keywords (its multistate tables). Warroom uses few
 * of these options, but ssh refuses a config with a bad value anywhere, so we refuse it too.
 */
const FLAG = ['yes', 'no', 'true', 'false'];
const YES_NO_ASK = [...FLAG, 'ask'];

export const VALUE_SETS: Readonly<Record<string, readonly string[]>> = {
  batchmode: FLAG,
  canonicalizefallbacklocal: FLAG,
  checkhostip: FLAG,
  clearallforwardings: FLAG,
  enablesshkeysign: FLAG,
  exitonforwardfailure: FLAG,
  forkafterauthentication: FLAG,
  forwardx11: FLAG,
  forwardx11trusted: FLAG,
  gatewayports: FLAG,
  gssapiauthentication: FLAG,
  gssapidelegatecredentials: FLAG,
  gssapikeyexchange: FLAG,
  gssapirenewalforcesrekey: FLAG,
  gssapitrustdns: FLAG,
  hostbasedauthentication: FLAG,
  kbdinteractiveauthentication: FLAG,
  challengeresponseauthentication: FLAG,
  skeyauthentication: FLAG,
  tisauthentication: FLAG,
  nohostauthenticationforlocalhost: FLAG,
  passwordauthentication: FLAG,
  permitlocalcommand: FLAG,
  proxyusefdpass: FLAG,
  stdinnull: FLAG,
  streamlocalbindunlink: FLAG,
  tcpkeepalive: FLAG,
  visualhostkey: FLAG,
  enableescapecommandline: FLAG,
  updatehostkeys: YES_NO_ASK,
  verifyhostkeydns: YES_NO_ASK,
  compression: ['yes', 'no'],
  controlmaster: [...FLAG, 'auto', 'ask', 'autoask'],
  tunnel: [...FLAG, 'ethernet', 'point-to-point'],
  requesttty: [...FLAG, 'force', 'auto'],
  canonicalizehostname: [...FLAG, 'always'],
  pubkeyauthentication: [...FLAG, 'unbound', 'host-bound'],
  dsaauthentication: [...FLAG, 'unbound', 'host-bound'],
  addressfamily: ['inet', 'inet6', 'any'],
  sessiontype: ['none', 'subsystem', 'default'],
};
