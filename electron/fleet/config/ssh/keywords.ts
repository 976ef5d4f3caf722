/**
 * Every keyword OpenSSH 9.x's ssh accepts (readconf.c), lower-cased. Unknown keywords are fatal in
 * OpenSSH, so they are fatal here too; deprecated ones are accepted and ignored, as OpenSSH does.
 */
export const KNOWN_KEYWORDS: ReadonlySet<string> = new Set([
  'host', 'match', 'addkeystoagent', 'addressfamily', 'batchmode', 'bindaddress', 'bindinterface',
  'canonicaldomains', 'canonicalizefallbacklocal', 'canonicalizehostname', 'canonicalizemaxdots',
  'canonicalizepermittedcnames', 'casignaturealgorithms', 'certificatefile', 'checkhostip', 'ciphers',
  'clearallforwardings', 'compression', 'connectionattempts', 'connecttimeout', 'controlmaster',
  'controlpath', 'controlpersist', 'dynamicforward', 'enableescapecommandline', 'enablesshkeysign',
  'escapechar', 'exitonforwardfailure', 'fingerprinthash', 'forkafterauthentication', 'forwardagent',
  'forwardx11', 'forwardx11timeout', 'forwardx11trusted', 'gatewayports', 'globalknownhostsfile',
  'gssapiauthentication', 'gssapiclientidentity', 'gssapidelegatecredentials', 'gssapikeyexchange',
  'gssapirenewalforcesrekey', 'gssapiserveridentity', 'gssapitrustdns', 'gssapikexalgorithms',
  'hashknownhosts', 'hostbasedacceptedalgorithms', 'hostbasedauthentication', 'hostkeyalgorithms',
  'hostkeyalias', 'hostname', 'identitiesonly', 'identityagent', 'identityfile', 'ignoreunknown',
  'include', 'ipqos', 'kbdinteractiveauthentication', 'kbdinteractivedevices', 'kexalgorithms',
  'knownhostscommand', 'localcommand', 'localforward', 'loglevel', 'logverbose', 'macs',
  'nohostauthenticationforlocalhost', 'numberofpasswordprompts', 'passwordauthentication',
  'permitlocalcommand', 'permitremoteopen', 'pkcs11provider', 'port', 'preferredauthentications',
  'proxycommand', 'proxyjump', 'proxyusefdpass', 'pubkeyacceptedalgorithms', 'pubkeyauthentication',
  'rekeylimit', 'remotecommand', 'remoteforward', 'requesttty', 'requiredrsasize', 'revokedhostkeys',
  'securitykeyprovider', 'sendenv', 'serveralivecountmax', 'serveraliveinterval', 'sessiontype', 'setenv',
  'stdinnull', 'streamlocalbindmask', 'streamlocalbindunlink', 'stricthostkeychecking', 'syslogfacility',
  'tcpkeepalive', 'tunnel', 'tunneldevice', 'updatehostkeys', 'user', 'userknownhostsfile',
  'verifyhostkeydns', 'visualhostkey', 'xauthlocation',
  // Aliases and deprecated or unsupported keywords that OpenSSH still parses without failing.
  'pubkeyacceptedkeytypes', 'hostbasedkeytypes', 'challengeresponseauthentication', 'dsaauthentication',
  'skeyauthentication', 'tisauthentication', 'kerberosauthentication', 'kerberostgtpassing',
  'afstokenpassing', 'protocol', 'cipher', 'fallbacktorsh', 'usersh', 'useprivilegedport',
  'rsaauthentication', 'rhostsrsaauthentication', 'rhostsauthentication', 'compressionlevel',
  'useroaming', 'globalknownhostsfile2', 'userknownhostsfile2', 'smartcarddevice', 'useblacklistedkeys',
  'identityfile2', 'protocolkeepalives', 'setuptimeout',
]);

/** Old names readconf.c still maps onto current options. */
export const KEYWORD_ALIASES: Readonly<Record<string, string>> = {
  identityfile2: 'identityfile',
  protocolkeepalives: 'serveraliveinterval',
  setuptimeout: 'serveraliveinterval',
};

/** Keywords whose value is the rest of the line, unsplit: shell commands, and ProxyJump (see applyOption). */
export const REST_OF_LINE: ReadonlySet<string> = new Set(['proxycommand', 'localcommand', 'remotecommand', 'knownhostscommand', 'proxyjump']);
