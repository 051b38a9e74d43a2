// Area "security": what keeps members' services and their users' data safe
// from eavesdropping, forgery and intrusion. Measured practices first, then
// the self-assessed ones.
import { code, p, ref, sw, type PracticeDef } from './types.js';

/** The cipher string the guides use: ECDHE key exchange with AEAD ciphers only (TLS 1.3 suites are separate and always strong). */
const CIPHERS = 'ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL';

export const security: PracticeDef[] = [
  {
    id: 'tls-protocols',
    area: 'security',
    weight: 3,
    checks: ['TLS-01', 'TLS-06', 'TLS-07', 'TLS-08', 'TLS-09', 'TLS-10'],
    title: {
      en: 'Only TLS 1.2 and 1.3, with safe protocol features',
      es: 'Solo TLS 1.2 y 1.3, con funciones de protocolo seguras',
      pt: 'Somente TLS 1.2 e 1.3, com recursos de protocolo seguros',
      fr: 'Uniquement TLS 1.2 et 1.3, avec des fonctions de protocole sûres',
    },
    why: {
      en: 'SSL 3, TLS 1.0 and TLS 1.1 have known attacks and current clients refuse them. TLS compression, renegotiation started by the client and replayable early data open further doors. Offering only modern versions protects every connection to your services.',
      es: 'SSL 3, TLS 1.0 y TLS 1.1 tienen ataques conocidos y los clientes actuales los rechazan. La compresión TLS, la renegociación iniciada por el cliente y los datos tempranos que se pueden repetir abren más puertas. Ofrecer solo versiones modernas protege cada conexión a sus servicios.',
      pt: 'SSL 3, TLS 1.0 e TLS 1.1 têm ataques conhecidos e os clientes atuais os recusam. A compressão TLS, a renegociação iniciada pelo cliente e os dados antecipados que podem ser repetidos abrem outras portas. Oferecer apenas versões modernas protege cada conexão aos seus serviços.',
      fr: 'SSL 3, TLS 1.0 et TLS 1.1 ont des attaques connues et les clients actuels les refusent. La compression TLS, la renégociation initiée par le client et les données précoces rejouables ouvrent d’autres portes. N’offrir que des versions modernes protège chaque connexion à vos services.',
    },
    guide: [
      p({
        en: 'Turn off everything older than TLS 1.2 on **every** TLS endpoint: web, mail (SMTP, IMAP, POP3), XMPP and DNS over TLS. Current OpenSSL already refuses compression and client-initiated renegotiation and negotiates Extended Master Secret; if a scan still reports them, upgrade the operating system’s TLS library rather than look for a setting.',
        es: 'Desactive todo lo anterior a TLS 1.2 en **cada** punto TLS: web, correo (SMTP, IMAP, POP3), XMPP y DNS sobre TLS. Las versiones actuales de OpenSSL ya rechazan la compresión y la renegociación iniciada por el cliente, y negocian Extended Master Secret; si un escaneo todavía las señala, actualice la biblioteca TLS del sistema en vez de buscar una opción.',
        pt: 'Desative tudo o que for anterior ao TLS 1.2 em **cada** ponto TLS: web, e-mail (SMTP, IMAP, POP3), XMPP e DNS sobre TLS. As versões atuais do OpenSSL já recusam a compressão e a renegociação iniciada pelo cliente e negociam o Extended Master Secret; se uma varredura ainda apontar esses itens, atualize a biblioteca TLS do sistema em vez de procurar uma opção.',
        fr: 'Désactivez tout ce qui est antérieur à TLS 1.2 sur **chaque** point TLS : web, messagerie (SMTP, IMAP, POP3), XMPP et DNS sur TLS. Les versions actuelles d’OpenSSL refusent déjà la compression et la renégociation initiée par le client, et négocient l’Extended Master Secret ; si une analyse les signale encore, mettez à jour la bibliothèque TLS du système plutôt que de chercher un réglage.',
      }),
      sw('nginx'),
      code('nginx', `
# in http { } or in each server { }
ssl_protocols TLSv1.2 TLSv1.3;
ssl_early_data off;
`),
      sw('Apache'),
      code('apache', `
# mod_ssl, globally or in each VirtualHost
SSLProtocol -all +TLSv1.2 +TLSv1.3
SSLCompression off
SSLInsecureRenegotiation off
`),
      sw('Postfix'),
      code('ini', `
# /etc/postfix/main.cf (Postfix 3.6 or later; older versions: !SSLv2, !SSLv3, !TLSv1, !TLSv1.1)
smtpd_tls_protocols = >=TLSv1.2
smtpd_tls_mandatory_protocols = >=TLSv1.2
smtp_tls_protocols = >=TLSv1.2
smtp_tls_mandatory_protocols = >=TLSv1.2
`),
      p({
        en: 'On port 25 a sending server that only speaks TLS 1.0 will then deliver without encryption. The baseline accepts that trade: such servers are rare, and offering broken TLS gives a false sense of safety.',
        es: 'En el puerto 25, un servidor remitente que solo habla TLS 1.0 entregará entonces sin cifrado. La línea base acepta ese intercambio: esos servidores son raros, y ofrecer un TLS roto da una falsa sensación de seguridad.',
        pt: 'Na porta 25, um servidor remetente que só fala TLS 1.0 passará a entregar sem criptografia. A linha de base aceita essa troca: esses servidores são raros, e oferecer um TLS quebrado dá uma falsa sensação de segurança.',
        fr: 'Sur le port 25, un serveur expéditeur qui ne parle que TLS 1.0 livrera alors sans chiffrement. Le référentiel accepte ce compromis : ces serveurs sont rares, et offrir un TLS cassé donne un faux sentiment de sécurité.',
      }),
      sw('Dovecot'),
      code('ini', `
# /etc/dovecot/conf.d/10-ssl.conf
ssl_min_protocol = TLSv1.2
`),
      sw('Prosody'),
      code('lua', `
-- /etc/prosody/prosody.cfg.lua
ssl = {
  protocol = "tlsv1_2+";
}
`),
      sw('ejabberd'),
      code('yaml', `
# /etc/ejabberd/ejabberd.yml
c2s_protocol_options:
  - no_sslv3
  - no_tlsv1
  - no_tlsv1_1
  - no_compression
s2s_protocol_options:
  - no_sslv3
  - no_tlsv1
  - no_tlsv1_1
  - no_compression
`),
      p({
        en: 'Reload each service, then check from another machine: the first command must fail, the second must connect.',
        es: 'Recargue cada servicio y compruebe desde otra máquina: la primera orden debe fallar y la segunda debe conectar.',
        pt: 'Recarregue cada serviço e verifique a partir de outra máquina: o primeiro comando deve falhar e o segundo deve conectar.',
        fr: 'Rechargez chaque service, puis vérifiez depuis une autre machine : la première commande doit échouer, la seconde doit se connecter.',
      }),
      code('sh', `
openssl s_client -connect example.org:443 -servername example.org -tls1_1 </dev/null
openssl s_client -connect example.org:443 -servername example.org -tls1_2 </dev/null
`),
    ],
    references: [
      ref('RFC 8996: Deprecating TLS 1.0 and TLS 1.1', 'https://www.rfc-editor.org/rfc/rfc8996'),
      ref('RFC 9325: Recommendations for Secure Use of TLS', 'https://www.rfc-editor.org/rfc/rfc9325'),
      ref('Mozilla SSL Configuration Generator', 'https://ssl-config.mozilla.org/'),
    ],
  },
  {
    id: 'tls-ciphers',
    area: 'security',
    weight: 2,
    checks: ['TLS-02', 'TLS-03', 'TLS-04', 'TLS-05'],
    title: {
      en: 'Strong cipher suites and key exchange',
      es: 'Conjuntos de cifrado e intercambio de claves robustos',
      pt: 'Conjuntos de cifras e troca de chaves robustos',
      fr: 'Suites de chiffrement et échange de clés robustes',
    },
    why: {
      en: 'A modern protocol is only as strong as the cipher suite it negotiates. RSA key exchange gives no forward secrecy: whoever records traffic today and obtains the key later can read all of it. 3DES, RC4, CBC with SHA-1 and small Diffie-Hellman groups can be broken.',
      es: 'Un protocolo moderno es tan fuerte como el conjunto de cifrado que negocia. El intercambio de claves RSA no ofrece secreto hacia adelante: quien grabe el tráfico hoy y obtenga la clave mañana podrá leerlo todo. 3DES, RC4, CBC con SHA-1 y los grupos Diffie-Hellman pequeños pueden romperse.',
      pt: 'Um protocolo moderno é tão forte quanto o conjunto de cifras que negocia. A troca de chaves RSA não oferece sigilo futuro: quem gravar o tráfego hoje e obtiver a chave depois poderá ler tudo. 3DES, RC4, CBC com SHA-1 e grupos Diffie-Hellman pequenos podem ser quebrados.',
      fr: 'Un protocole moderne ne vaut que par la suite de chiffrement qu’il négocie. L’échange de clés RSA n’offre pas de confidentialité persistante : qui enregistre le trafic aujourd’hui et obtient la clé plus tard peut tout lire. 3DES, RC4, CBC avec SHA-1 et les petits groupes Diffie-Hellman peuvent être cassés.',
    },
    guide: [
      p({
        en: `Offer only ECDHE key exchange with AES-GCM or ChaCha20-Poly1305 for TLS 1.2; the TLS 1.3 suites are always strong and need no setting. The OpenSSL string \`${CIPHERS}\` below expands to exactly those suites. Mozilla’s “intermediate” profile is an equivalent, explicit list.`,
        es: `Ofrezca para TLS 1.2 solo intercambio de claves ECDHE con AES-GCM o ChaCha20-Poly1305; los conjuntos de TLS 1.3 siempre son robustos y no necesitan ajuste. La cadena de OpenSSL \`${CIPHERS}\` de abajo se expande exactamente a esos conjuntos. El perfil «intermediate» de Mozilla es una lista explícita equivalente.`,
        pt: `Ofereça para TLS 1.2 somente troca de chaves ECDHE com AES-GCM ou ChaCha20-Poly1305; os conjuntos do TLS 1.3 são sempre robustos e não precisam de ajuste. A cadeia do OpenSSL \`${CIPHERS}\` abaixo se expande exatamente para esses conjuntos. O perfil “intermediate” da Mozilla é uma lista explícita equivalente.`,
        fr: `N’offrez pour TLS 1.2 que l’échange de clés ECDHE avec AES-GCM ou ChaCha20-Poly1305 ; les suites de TLS 1.3 sont toujours robustes et ne demandent aucun réglage. La chaîne OpenSSL \`${CIPHERS}\` ci-dessous correspond exactement à ces suites. Le profil « intermediate » de Mozilla en est une liste explicite équivalente.`,
      }),
      sw('nginx'),
      code('nginx', `
ssl_ciphers ${CIPHERS};
ssl_prefer_server_ciphers on;
ssl_ecdh_curve X25519:prime256v1:secp384r1;
`),
      sw('Apache'),
      code('apache', `
SSLCipherSuite ${CIPHERS}
SSLHonorCipherOrder on
SSLOpenSSLConfCmd Curves X25519:prime256v1:secp384r1
`),
      sw('Postfix'),
      code('ini', `
# /etc/postfix/main.cf
tls_high_cipherlist = ${CIPHERS}
smtpd_tls_ciphers = high
smtpd_tls_mandatory_ciphers = high
smtp_tls_ciphers = high
tls_preempt_cipherlist = yes
`),
      sw('Dovecot'),
      code('ini', `
# /etc/dovecot/conf.d/10-ssl.conf (Dovecot 2.4: ssl_server_prefer_ciphers = server)
ssl_cipher_list = ${CIPHERS}
ssl_prefer_server_ciphers = yes
`),
      sw('Prosody'),
      code('lua', `
ssl = {
  protocol = "tlsv1_2+";
  ciphers = "${CIPHERS}";
}
`),
      sw('ejabberd'),
      code('yaml', `
c2s_ciphers: "${CIPHERS}"
s2s_ciphers: "${CIPHERS}"
`),
      p({
        en: 'If you must keep DHE suites for very old clients, give them a group of at least 3072 bits (`ffdhe3072` from RFC 7919), never a 1024- or 2048-bit file made years ago. Then list what a server really offers:',
        es: 'Si debe mantener conjuntos DHE para clientes muy antiguos, deles un grupo de al menos 3072 bits (`ffdhe3072` del RFC 7919), nunca un archivo de 1024 o 2048 bits generado hace años. Después, liste lo que un servidor ofrece de verdad:',
        pt: 'Se precisar manter conjuntos DHE para clientes muito antigos, use um grupo de pelo menos 3072 bits (`ffdhe3072` do RFC 7919), nunca um arquivo de 1024 ou 2048 bits gerado há anos. Depois, liste o que um servidor realmente oferece:',
        fr: 'Si vous devez garder des suites DHE pour de très vieux clients, donnez-leur un groupe d’au moins 3072 bits (`ffdhe3072` de la RFC 7919), jamais un fichier de 1024 ou 2048 bits généré il y a des années. Ensuite, listez ce qu’un serveur propose réellement :',
      }),
      code('sh', `
nmap --script ssl-enum-ciphers -p 443,465,993 example.org
`),
    ],
    references: [
      ref('RFC 9325: Recommendations for Secure Use of TLS', 'https://www.rfc-editor.org/rfc/rfc9325'),
      ref('RFC 7919: Negotiated Finite Field Diffie-Hellman Ephemeral Parameters', 'https://www.rfc-editor.org/rfc/rfc7919'),
      ref('RFC 9155: Deprecating MD5 and SHA-1 Signature Hashes in TLS 1.2', 'https://www.rfc-editor.org/rfc/rfc9155'),
      ref('Mozilla SSL Configuration Generator', 'https://ssl-config.mozilla.org/'),
    ],
  },
  {
    id: 'tls-ocsp',
    area: 'security',
    weight: 1,
    checks: ['TLS-11'],
    title: {
      en: 'A valid OCSP staple, or none',
      es: 'Una respuesta OCSP grapada válida, o ninguna',
      pt: 'Uma resposta OCSP grampeada válida, ou nenhuma',
      fr: 'Une réponse OCSP agrafée valide, ou aucune',
    },
    why: {
      en: 'Stapling lets clients learn that a certificate has not been revoked without asking the certificate authority, which would otherwise learn who visits you. A stale or invalid staple, however, makes strict clients refuse the connection.',
      es: 'El grapado permite a los clientes saber que un certificado no ha sido revocado sin preguntar a la autoridad de certificación, que de lo contrario sabría quién le visita. Pero una respuesta caducada o inválida hace que los clientes estrictos rechacen la conexión.',
      pt: 'O grampeamento permite que os clientes saibam que um certificado não foi revogado sem perguntar à autoridade certificadora, que de outro modo saberia quem visita você. Mas uma resposta vencida ou inválida faz clientes rigorosos recusarem a conexão.',
      fr: 'L’agrafage permet aux clients de savoir qu’un certificat n’est pas révoqué sans interroger l’autorité de certification, qui sinon apprendrait qui vous rend visite. Mais une réponse périmée ou invalide fait refuser la connexion par les clients stricts.',
    },
    guide: [
      p({
        en: 'Let’s Encrypt ended its OCSP service in 2025 and its certificates no longer carry an OCSP address: with them there is nothing to staple and this practice passes. With a certificate authority that still runs OCSP, staple as below. If the server cannot keep the staple fresh (no outbound access, no resolver), turn stapling off rather than serve a stale one.',
        es: 'Let’s Encrypt terminó su servicio OCSP en 2025 y sus certificados ya no llevan una dirección OCSP: con ellos no hay nada que grapar y esta práctica se cumple. Con una autoridad que todavía ofrece OCSP, grape como se indica abajo. Si el servidor no puede mantener la respuesta al día (sin acceso saliente, sin resolvedor), desactive el grapado antes que servir una respuesta caducada.',
        pt: 'A Let’s Encrypt encerrou seu serviço OCSP em 2025 e seus certificados não trazem mais um endereço OCSP: com eles não há nada para grampear e esta prática é cumprida. Com uma autoridade que ainda oferece OCSP, grampeie como abaixo. Se o servidor não conseguir manter a resposta atualizada (sem acesso de saída, sem resolvedor), desative o grampeamento em vez de servir uma resposta vencida.',
        fr: 'Let’s Encrypt a arrêté son service OCSP en 2025 et ses certificats ne portent plus d’adresse OCSP : avec eux il n’y a rien à agrafer et cette pratique est satisfaite. Avec une autorité qui propose encore OCSP, agrafez comme ci-dessous. Si le serveur ne peut pas garder la réponse à jour (pas d’accès sortant, pas de résolveur), désactivez l’agrafage plutôt que de servir une réponse périmée.',
      }),
      sw('nginx'),
      code('nginx', `
ssl_stapling on;
ssl_stapling_verify on;
ssl_trusted_certificate /etc/ssl/example.org/chain.pem;
resolver 127.0.0.1;
`),
      sw('Apache'),
      code('apache', `
# outside any VirtualHost
SSLStaplingCache shmcb:/var/run/apache2/ocsp(128000)
# in the VirtualHost
SSLUseStapling on
`),
      code('sh', `
openssl s_client -connect example.org:443 -servername example.org -status </dev/null | grep -A2 'OCSP response'
`),
    ],
    references: [
      ref('RFC 6066 §8: Certificate Status Request', 'https://www.rfc-editor.org/rfc/rfc6066#section-8'),
      ref('RFC 6960: Online Certificate Status Protocol', 'https://www.rfc-editor.org/rfc/rfc6960'),
    ],
  },
  {
    id: 'cert-trusted',
    area: 'security',
    weight: 3,
    checks: ['CERT-01', 'CERT-02', 'CERT-03', 'CERT-04'],
    title: {
      en: 'Trusted certificates with strong keys',
      es: 'Certificados de confianza con claves robustas',
      pt: 'Certificados confiáveis com chaves robustas',
      fr: 'Des certificats de confiance avec des clés robustes',
    },
    why: {
      en: 'Clients must be able to tell that they are talking to your server. A chain that does not lead to a trusted root, a name missing from the certificate, a short key or an SHA-1 signature makes clients warn — people learn to click warnings away — or lets an attacker pass for you.',
      es: 'Los clientes deben poder saber que hablan con su servidor. Una cadena que no llega a una raíz de confianza, un nombre que falta en el certificado, una clave corta o una firma SHA-1 hacen que los clientes muestren avisos —y la gente aprende a ignorarlos— o permiten que alguien se haga pasar por usted.',
      pt: 'Os clientes precisam saber que estão falando com o seu servidor. Uma cadeia que não leva a uma raiz confiável, um nome ausente do certificado, uma chave curta ou uma assinatura SHA-1 fazem os clientes exibirem alertas — e as pessoas aprendem a ignorá-los — ou permitem que alguém se passe por você.',
      fr: 'Les clients doivent pouvoir vérifier qu’ils parlent bien à votre serveur. Une chaîne qui ne mène pas à une racine de confiance, un nom absent du certificat, une clé courte ou une signature SHA-1 provoquent des avertissements — que les gens apprennent à ignorer — ou permettent à un attaquant de se faire passer pour vous.',
    },
    guide: [
      p({
        en: '1. Serve the **full chain**: the certificate followed by the intermediates. With certbot that is `fullchain.pem`, not `cert.pem`.\n2. Put **every name** a service answers to in the certificate: `mail.example.org` for SMTP and IMAP, the XMPP domain and `conference.` names for the chat server.\n3. Use **ECDSA P-256** keys (or RSA of at least 3072 bits). With certbot: `certbot certonly --key-type ecdsa --elliptic-curve secp256r1 -d example.org -d www.example.org`.',
        es: '1. Sirva la **cadena completa**: el certificado seguido de los intermedios. Con certbot es `fullchain.pem`, no `cert.pem`.\n2. Incluya en el certificado **todos los nombres** a los que responde un servicio: `mail.example.org` para SMTP e IMAP, el dominio XMPP y los nombres `conference.` para el servidor de chat.\n3. Use claves **ECDSA P-256** (o RSA de al menos 3072 bits). Con certbot: `certbot certonly --key-type ecdsa --elliptic-curve secp256r1 -d example.org -d www.example.org`.',
        pt: '1. Sirva a **cadeia completa**: o certificado seguido dos intermediários. Com o certbot é `fullchain.pem`, não `cert.pem`.\n2. Coloque no certificado **todos os nomes** aos quais um serviço responde: `mail.example.org` para SMTP e IMAP, o domínio XMPP e os nomes `conference.` para o servidor de chat.\n3. Use chaves **ECDSA P-256** (ou RSA de pelo menos 3072 bits). Com o certbot: `certbot certonly --key-type ecdsa --elliptic-curve secp256r1 -d example.org -d www.example.org`.',
        fr: '1. Servez la **chaîne complète** : le certificat suivi des intermédiaires. Avec certbot, c’est `fullchain.pem`, pas `cert.pem`.\n2. Mettez dans le certificat **tous les noms** auxquels un service répond : `mail.example.org` pour SMTP et IMAP, le domaine XMPP et les noms `conference.` pour le serveur de discussion.\n3. Utilisez des clés **ECDSA P-256** (ou RSA d’au moins 3072 bits). Avec certbot : `certbot certonly --key-type ecdsa --elliptic-curve secp256r1 -d example.org -d www.example.org`.',
      }),
      sw('nginx'),
      code('nginx', `
ssl_certificate     /etc/letsencrypt/live/example.org/fullchain.pem;
ssl_certificate_key /etc/letsencrypt/live/example.org/privkey.pem;
`),
      sw('Apache'),
      code('apache', `
# Apache 2.4.8 or later reads the chain from the same file
SSLCertificateFile    /etc/letsencrypt/live/example.org/fullchain.pem
SSLCertificateKeyFile /etc/letsencrypt/live/example.org/privkey.pem
`),
      sw('Postfix'),
      code('ini', `
# /etc/postfix/main.cf (Postfix 3.4 or later: the key first, then the chain)
smtpd_tls_chain_files =
    /etc/letsencrypt/live/mail.example.org/privkey.pem,
    /etc/letsencrypt/live/mail.example.org/fullchain.pem
`),
      sw('Dovecot'),
      code('ini', `
# /etc/dovecot/conf.d/10-ssl.conf (Dovecot 2.4: ssl_server_cert_file and ssl_server_key_file)
ssl_cert = </etc/letsencrypt/live/mail.example.org/fullchain.pem
ssl_key = </etc/letsencrypt/live/mail.example.org/privkey.pem
`),
      sw('Prosody'),
      code('sh', `
# copies the certificates into Prosody's directory with the right owner
prosodyctl --root cert import /etc/letsencrypt/live
`),
      sw('ejabberd'),
      code('yaml', `
certfiles:
  - "/etc/letsencrypt/live/example.org/*.pem"
`),
      p({
        en: 'Check that the chain verifies and names match, for the web and for mail:',
        es: 'Compruebe que la cadena se verifica y que los nombres coinciden, para la web y para el correo:',
        pt: 'Verifique se a cadeia é validada e se os nomes coincidem, para a web e para o e-mail:',
        fr: 'Vérifiez que la chaîne est validée et que les noms correspondent, pour le web et pour la messagerie :',
      }),
      code('sh', `
openssl s_client -connect example.org:443 -servername example.org -verify_hostname example.org </dev/null | grep 'Verify return code'
openssl s_client -connect mail.example.org:25 -starttls smtp -verify_hostname mail.example.org </dev/null | grep 'Verify return code'
`),
    ],
    references: [
      ref('RFC 5280: Internet X.509 Public Key Infrastructure Certificate Profile', 'https://www.rfc-editor.org/rfc/rfc5280'),
      ref('RFC 9525: Service Identity in TLS', 'https://www.rfc-editor.org/rfc/rfc9525'),
      ref('Certbot documentation', 'https://eff-certbot.readthedocs.io/'),
    ],
  },
  {
    id: 'cert-caa',
    area: 'security',
    weight: 1,
    checks: ['CERT-06'],
    title: {
      en: 'CAA records name your certificate authority',
      es: 'Registros CAA que nombran a su autoridad de certificación',
      pt: 'Registros CAA que indicam sua autoridade certificadora',
      fr: 'Des enregistrements CAA qui désignent votre autorité de certification',
    },
    why: {
      en: 'A CAA record tells every certificate authority which of them may issue certificates for your domain. It narrows the places where a mistake or an attack could produce a certificate in your name.',
      es: 'Un registro CAA indica a todas las autoridades de certificación cuál de ellas puede emitir certificados para su dominio. Reduce los lugares donde un error o un ataque podría producir un certificado a su nombre.',
      pt: 'Um registro CAA diz a todas as autoridades certificadoras qual delas pode emitir certificados para o seu domínio. Ele reduz os lugares onde um erro ou um ataque poderia produzir um certificado em seu nome.',
      fr: 'Un enregistrement CAA indique à toutes les autorités de certification laquelle peut émettre des certificats pour votre domaine. Il réduit les endroits où une erreur ou une attaque pourrait produire un certificat à votre nom.',
    },
    guide: [
      p({
        en: 'Add records like these to the zone (the same syntax in Knot DNS, BIND and PowerDNS zone files). `issuewild ";"` forbids wildcard certificates; `iodef` says where a CA reports refused requests. Optionally bind issuance to your own ACME account with `accounturi` (RFC 8657).',
        es: 'Añada registros como estos a la zona (la misma sintaxis en los archivos de zona de Knot DNS, BIND y PowerDNS). `issuewild ";"` prohíbe los certificados comodín; `iodef` indica adónde informa una autoridad de las solicitudes rechazadas. Opcionalmente, vincule la emisión a su propia cuenta ACME con `accounturi` (RFC 8657).',
        pt: 'Adicione registros como estes à zona (a mesma sintaxe nos arquivos de zona do Knot DNS, BIND e PowerDNS). `issuewild ";"` proíbe certificados curinga; `iodef` diz para onde uma autoridade informa pedidos recusados. Opcionalmente, vincule a emissão à sua própria conta ACME com `accounturi` (RFC 8657).',
        fr: 'Ajoutez des enregistrements comme ceux-ci à la zone (même syntaxe dans les fichiers de zone de Knot DNS, BIND et PowerDNS). `issuewild ";"` interdit les certificats génériques ; `iodef` indique où une autorité signale les demandes refusées. Vous pouvez aussi lier l’émission à votre propre compte ACME avec `accounturi` (RFC 8657).',
      }),
      code('dns', `
example.org.  3600  IN  CAA  0 issue "letsencrypt.org"
example.org.  3600  IN  CAA  0 issuewild ";"
example.org.  3600  IN  CAA  0 iodef "mailto:security@example.org"
`),
      sw('PowerDNS'),
      code('sh', `
pdnsutil add-record example.org @ CAA 3600 '0 issue "letsencrypt.org"'
pdnsutil add-record example.org @ CAA 3600 '0 issuewild ";"'
`),
      sw('Knot DNS / BIND'),
      code('sh', `
# after editing the zone file (remember to raise the SOA serial)
knotc zone-reload example.org      # Knot DNS
rndc reload example.org            # BIND
dig CAA example.org +short
`),
    ],
    references: [
      ref('RFC 8659: DNS Certification Authority Authorization (CAA)', 'https://www.rfc-editor.org/rfc/rfc8659'),
      ref('RFC 8657: CAA Record Extensions for Account URI and ACME Method Binding', 'https://www.rfc-editor.org/rfc/rfc8657'),
    ],
  },
  {
    id: 'https-only',
    area: 'security',
    weight: 3,
    checks: ['HTTP-01', 'HTTP-02', 'HTTP-03'],
    title: {
      en: 'HTTPS only, remembered with HSTS',
      es: 'Solo HTTPS, recordado con HSTS',
      pt: 'Somente HTTPS, lembrado com HSTS',
      fr: 'HTTPS uniquement, mémorisé avec HSTS',
    },
    why: {
      en: 'Anything served over plain HTTP can be read and changed on the way — by a café’s network, an internet provider or a state. A redirect to HTTPS and the Strict-Transport-Security header make browsers use HTTPS every time, even when someone types the bare name.',
      es: 'Todo lo que se sirve por HTTP sin cifrar puede leerse y modificarse por el camino: en la red de un café, en un proveedor de internet o por un Estado. Una redirección a HTTPS y la cabecera Strict-Transport-Security hacen que los navegadores usen HTTPS siempre, incluso cuando alguien escribe solo el nombre.',
      pt: 'Tudo o que é servido por HTTP sem criptografia pode ser lido e alterado no caminho — na rede de um café, por um provedor de internet ou por um Estado. Um redirecionamento para HTTPS e o cabeçalho Strict-Transport-Security fazem os navegadores usarem HTTPS sempre, mesmo quando alguém digita só o nome.',
      fr: 'Tout ce qui est servi en HTTP en clair peut être lu et modifié en chemin — par le réseau d’un café, un fournisseur d’accès ou un État. Une redirection vers HTTPS et l’en-tête Strict-Transport-Security font que les navigateurs utilisent HTTPS à chaque fois, même quand quelqu’un tape le nom seul.',
    },
    guide: [
      p({
        en: 'Redirect every plain-HTTP request to HTTPS **on the same host name first** (then to another host if you must), and send HSTS for at least one year on HTTPS answers. Let’s Encrypt’s HTTP-01 validation follows the redirect, so renewals keep working. Add `includeSubDomains` only once every subdomain serves HTTPS.',
        es: 'Redirija cada petición HTTP sin cifrar a HTTPS **primero en el mismo nombre de host** (y después a otro host si hace falta), y envíe HSTS de al menos un año en las respuestas HTTPS. La validación HTTP-01 de Let’s Encrypt sigue la redirección, así que las renovaciones siguen funcionando. Añada `includeSubDomains` solo cuando todos los subdominios sirvan HTTPS.',
        pt: 'Redirecione cada pedido HTTP sem criptografia para HTTPS **primeiro no mesmo nome de host** (e depois para outro host, se for preciso), e envie HSTS de pelo menos um ano nas respostas HTTPS. A validação HTTP-01 da Let’s Encrypt segue o redirecionamento, então as renovações continuam funcionando. Acrescente `includeSubDomains` somente quando todos os subdomínios servirem HTTPS.',
        fr: 'Redirigez chaque requête HTTP en clair vers HTTPS **d’abord sur le même nom d’hôte** (puis vers un autre hôte si nécessaire), et envoyez HSTS d’au moins un an sur les réponses HTTPS. La validation HTTP-01 de Let’s Encrypt suit la redirection : les renouvellements continuent de fonctionner. N’ajoutez `includeSubDomains` que lorsque tous les sous-domaines servent HTTPS.',
      }),
      sw('nginx'),
      code('nginx', `
server {
    listen 80;
    listen [::]:80;
    server_name example.org www.example.org;
    return 301 https://$host$request_uri;
}

server {
    listen 443 ssl;
    listen [::]:443 ssl;
    server_name example.org www.example.org;
    add_header Strict-Transport-Security "max-age=31536000" always;
    # …
}
`),
      sw('Apache'),
      code('apache', `
<VirtualHost *:80>
    ServerName example.org
    Redirect permanent / https://example.org/
</VirtualHost>

<VirtualHost *:443>
    ServerName example.org
    # a2enmod headers
    Header always set Strict-Transport-Security "max-age=31536000"
    # …
</VirtualHost>
`),
      code('sh', `
curl -sI http://example.org/ | grep -i '^location'
curl -sI https://example.org/ | grep -i '^strict-transport-security'
`),
    ],
    references: [
      ref('RFC 6797: HTTP Strict Transport Security (HSTS)', 'https://www.rfc-editor.org/rfc/rfc6797'),
      ref('nginx: ngx_http_headers_module', 'https://nginx.org/en/docs/http/ngx_http_headers_module.html'),
    ],
  },
  {
    id: 'web-headers',
    area: 'security',
    weight: 2,
    checks: ['HTTP-04', 'HTTP-05', 'HTTP-06', 'HTTP-07'],
    title: {
      en: 'Browser security headers',
      es: 'Cabeceras de seguridad para navegadores',
      pt: 'Cabeçalhos de segurança para navegadores',
      fr: 'En-têtes de sécurité pour les navigateurs',
    },
    why: {
      en: 'These headers tell browsers to refuse injected scripts, not to guess content types, not to let other sites frame your pages, and not to tell other sites which page a visitor came from. They are a second wall when an application has a flaw, and the Referrer-Policy protects your users’ privacy.',
      es: 'Estas cabeceras indican a los navegadores que rechacen scripts inyectados, que no adivinen tipos de contenido, que no dejen a otros sitios enmarcar sus páginas y que no cuenten a otros sitios de qué página viene un visitante. Son una segunda muralla cuando una aplicación tiene un fallo, y la Referrer-Policy protege la privacidad de sus usuarios.',
      pt: 'Esses cabeçalhos dizem aos navegadores para recusar scripts injetados, não adivinhar tipos de conteúdo, não deixar outros sites enquadrarem suas páginas e não contar a outros sites de qual página um visitante veio. São uma segunda muralha quando uma aplicação tem uma falha, e a Referrer-Policy protege a privacidade de quem usa seus serviços.',
      fr: 'Ces en-têtes demandent aux navigateurs de refuser les scripts injectés, de ne pas deviner les types de contenu, de ne pas laisser d’autres sites encadrer vos pages et de ne pas dire à d’autres sites de quelle page vient un visiteur. Ils sont un second rempart quand une application a une faille, et la Referrer-Policy protège la vie privée de vos usagers.',
    },
    guide: [
      p({
        en: 'Start from the strict policy below. If an application (webmail, a chat client, a CMS) needs inline scripts, send the policy as `Content-Security-Policy-Report-Only` for a week, read the browser console, and relax only that application’s location — never add `unsafe-inline` site-wide.',
        es: 'Parta de la política estricta de abajo. Si una aplicación (correo web, un cliente de chat, un CMS) necesita scripts en línea, envíe la política como `Content-Security-Policy-Report-Only` durante una semana, lea la consola del navegador y relaje solo la ubicación de esa aplicación; nunca añada `unsafe-inline` a todo el sitio.',
        pt: 'Parta da política estrita abaixo. Se uma aplicação (webmail, um cliente de chat, um CMS) precisar de scripts embutidos, envie a política como `Content-Security-Policy-Report-Only` durante uma semana, leia o console do navegador e relaxe apenas o local dessa aplicação — nunca acrescente `unsafe-inline` ao site inteiro.',
        fr: 'Partez de la politique stricte ci-dessous. Si une application (webmail, client de discussion, CMS) a besoin de scripts en ligne, envoyez la politique en `Content-Security-Policy-Report-Only` pendant une semaine, lisez la console du navigateur et n’assouplissez que l’emplacement de cette application — n’ajoutez jamais `unsafe-inline` à tout le site.',
      }),
      sw('nginx'),
      code('nginx', `
# /etc/nginx/snippets/security-headers.conf, included in every HTTPS server { }
add_header Content-Security-Policy "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'" always;
add_header X-Content-Type-Options "nosniff" always;
add_header X-Frame-Options "DENY" always;
add_header Referrer-Policy "no-referrer" always;
`),
      p({
        en: 'In nginx, a `location` block with its own `add_header` drops every header inherited from the `server` block: include the snippet again in such locations.',
        es: 'En nginx, un bloque `location` con su propio `add_header` descarta todas las cabeceras heredadas del bloque `server`: vuelva a incluir el fragmento en esas ubicaciones.',
        pt: 'No nginx, um bloco `location` com seu próprio `add_header` descarta todos os cabeçalhos herdados do bloco `server`: inclua o trecho de novo nesses locais.',
        fr: 'Dans nginx, un bloc `location` qui a ses propres `add_header` perd tous les en-têtes hérités du bloc `server` : incluez de nouveau l’extrait dans ces emplacements.',
      }),
      sw('Apache'),
      code('apache', `
# a2enmod headers; in the HTTPS VirtualHost
Header always set Content-Security-Policy "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
Header always set X-Content-Type-Options "nosniff"
Header always set X-Frame-Options "DENY"
Header always set Referrer-Policy "no-referrer"
`),
      code('sh', `
curl -sI https://example.org/ | grep -iE '^(content-security-policy|x-content-type-options|x-frame-options|referrer-policy)'
`),
    ],
    references: [
      ref('W3C Content Security Policy Level 3', 'https://www.w3.org/TR/CSP3/'),
      ref('W3C Referrer Policy', 'https://www.w3.org/TR/referrer-policy/'),
      ref('RFC 7034: HTTP Header Field X-Frame-Options', 'https://www.rfc-editor.org/rfc/rfc7034'),
    ],
  },
  {
    id: 'security-txt',
    area: 'security',
    weight: 1,
    checks: ['HTTP-08'],
    title: {
      en: 'A contact for security reports (security.txt)',
      es: 'Un contacto para avisos de seguridad (security.txt)',
      pt: 'Um contato para relatos de segurança (security.txt)',
      fr: 'Un contact pour les signalements de sécurité (security.txt)',
    },
    why: {
      en: 'Someone who finds a flaw in your service needs to know whom to tell, quickly and privately. Without a published contact, reports get lost, or end up in public before you can fix anything.',
      es: 'Quien encuentra un fallo en su servicio necesita saber a quién avisar, con rapidez y en privado. Sin un contacto publicado, los avisos se pierden o se hacen públicos antes de que usted pueda arreglar nada.',
      pt: 'Quem encontra uma falha no seu serviço precisa saber a quem avisar, com rapidez e em particular. Sem um contato publicado, os relatos se perdem ou se tornam públicos antes que você possa consertar algo.',
      fr: 'Qui trouve une faille dans votre service doit savoir à qui le dire, vite et en privé. Sans contact publié, les signalements se perdent, ou deviennent publics avant que vous ayez pu corriger quoi que ce soit.',
    },
    guide: [
      p({
        en: 'Write the file below and serve it at `https://example.org/.well-known/security.txt` as `text/plain`. `Expires` must be less than a year ahead: put its renewal in your calendar or in configuration management. An OpenPGP key under `Encryption` lets people report privately.',
        es: 'Escriba el archivo de abajo y sírvalo en `https://example.org/.well-known/security.txt` como `text/plain`. `Expires` debe estar a menos de un año: anote su renovación en el calendario o en la gestión de configuración. Una clave OpenPGP en `Encryption` permite avisar en privado.',
        pt: 'Escreva o arquivo abaixo e sirva-o em `https://example.org/.well-known/security.txt` como `text/plain`. `Expires` deve estar a menos de um ano: coloque a renovação no calendário ou na gestão de configuração. Uma chave OpenPGP em `Encryption` permite relatos privados.',
        fr: 'Écrivez le fichier ci-dessous et servez-le à `https://example.org/.well-known/security.txt` en `text/plain`. `Expires` doit être à moins d’un an : inscrivez son renouvellement au calendrier ou dans la gestion de configuration. Une clé OpenPGP sous `Encryption` permet des signalements privés.',
      }),
      code('text', `
Contact: mailto:security@example.org
Expires: 2027-06-30T00:00:00Z
Encryption: https://example.org/.well-known/openpgpkey.asc
Preferred-Languages: en, es, pt
Canonical: https://example.org/.well-known/security.txt
`),
      sw('nginx'),
      code('nginx', `
location = /.well-known/security.txt {
    alias /var/www/security.txt;
    default_type text/plain;
    charset utf-8;
}
`),
      sw('Apache'),
      code('apache', `
Alias /.well-known/security.txt /var/www/security.txt
<Files "security.txt">
    ForceType "text/plain; charset=utf-8"
</Files>
`),
    ],
    references: [ref('RFC 9116: A File Format to Aid in Security Vulnerability Disclosure', 'https://www.rfc-editor.org/rfc/rfc9116')],
  },
  {
    id: 'web-cookies',
    area: 'security',
    weight: 2,
    checks: ['HTTP-09'],
    title: {
      en: 'Session cookies that are hard to steal',
      es: 'Cookies de sesión difíciles de robar',
      pt: 'Cookies de sessão difíceis de roubar',
      fr: 'Des cookies de session difficiles à voler',
    },
    why: {
      en: 'A session cookie is as good as a password. Without `Secure` it can travel over plain HTTP; without `HttpOnly` any injected script can read it; without `SameSite` other sites can make requests in your users’ name.',
      es: 'Una cookie de sesión vale tanto como una contraseña. Sin `Secure` puede viajar por HTTP sin cifrar; sin `HttpOnly` cualquier script inyectado puede leerla; sin `SameSite` otros sitios pueden hacer peticiones en nombre de sus usuarios.',
      pt: 'Um cookie de sessão vale tanto quanto uma senha. Sem `Secure` ele pode viajar por HTTP sem criptografia; sem `HttpOnly` qualquer script injetado pode lê-lo; sem `SameSite` outros sites podem fazer pedidos em nome de quem usa seus serviços.',
      fr: 'Un cookie de session vaut un mot de passe. Sans `Secure`, il peut circuler en HTTP en clair ; sans `HttpOnly`, tout script injecté peut le lire ; sans `SameSite`, d’autres sites peuvent faire des requêtes au nom de vos usagers.',
    },
    guide: [
      p({
        en: 'Cookies are set by the applications (webmail, Nextcloud, forums, wikis). First look for the application’s own setting, often called “secure cookies” or “force HTTPS”. For PHP applications the session cookie is set by PHP itself:',
        es: 'Las cookies las ponen las aplicaciones (correo web, Nextcloud, foros, wikis). Busque primero la opción de la propia aplicación, a menudo llamada «cookies seguras» o «forzar HTTPS». En las aplicaciones PHP, la cookie de sesión la pone el propio PHP:',
        pt: 'Os cookies são definidos pelas aplicações (webmail, Nextcloud, fóruns, wikis). Procure primeiro a opção da própria aplicação, muitas vezes chamada “cookies seguros” ou “forçar HTTPS”. Em aplicações PHP, o cookie de sessão é definido pelo próprio PHP:',
        fr: 'Les cookies sont posés par les applications (webmail, Nextcloud, forums, wikis). Cherchez d’abord le réglage de l’application elle-même, souvent appelé « cookies sécurisés » ou « forcer HTTPS ». Pour les applications PHP, le cookie de session est posé par PHP lui-même :',
      }),
      code('ini', `
; php.ini (or the pool's php_admin_value in PHP-FPM)
session.cookie_secure = 1
session.cookie_httponly = 1
session.cookie_samesite = "Lax"
`),
      p({
        en: 'When an application cannot be changed, a reverse proxy can add the flags:',
        es: 'Cuando una aplicación no se puede cambiar, un proxy inverso puede añadir los atributos:',
        pt: 'Quando uma aplicação não pode ser alterada, um proxy reverso pode acrescentar os atributos:',
        fr: 'Quand une application ne peut pas être modifiée, un proxy inverse peut ajouter les attributs :',
      }),
      sw('nginx'),
      code('nginx', `
# nginx 1.19.3 or later, in the location that proxies the application
proxy_cookie_flags ~ secure httponly samesite=lax;
`),
      sw('Apache'),
      code('apache', `
# mod_headers, where Apache proxies the application; only for applications that set none of these flags themselves
Header edit Set-Cookie "^(.*)$" "$1; Secure; HttpOnly; SameSite=Lax"
`),
    ],
    references: [
      ref('RFC 6265bis: Cookies: HTTP State Management Mechanism', 'https://datatracker.ietf.org/doc/draft-ietf-httpbis-rfc6265bis/'),
      ref('OWASP Session Management Cheat Sheet', 'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html'),
    ],
  },
  {
    id: 'web-scripts',
    area: 'security',
    weight: 1,
    checks: ['HTTP-10'],
    title: {
      en: 'No trackers, and no scripts from elsewhere without integrity',
      es: 'Sin rastreadores, y ningún script externo sin integridad',
      pt: 'Sem rastreadores, e nenhum script externo sem integridade',
      fr: 'Pas de traqueurs, ni de scripts externes sans intégrité',
    },
    why: {
      en: 'Every script loaded from another server can change your pages and tells that server who visits them. For people under surveillance a request to a CDN or an analytics service is a leak; a script loaded over plain HTTP can be replaced by anyone on the path.',
      es: 'Cada script cargado desde otro servidor puede cambiar sus páginas y le dice a ese servidor quién las visita. Para personas vigiladas, una petición a una CDN o a un servicio de analítica es una fuga; un script cargado por HTTP sin cifrar puede ser sustituido por cualquiera en el camino.',
      pt: 'Cada script carregado de outro servidor pode mudar suas páginas e conta a esse servidor quem as visita. Para pessoas vigiadas, um pedido a uma CDN ou a um serviço de análise é um vazamento; um script carregado por HTTP sem criptografia pode ser trocado por qualquer um no caminho.',
      fr: 'Chaque script chargé depuis un autre serveur peut modifier vos pages et indique à ce serveur qui les visite. Pour des personnes surveillées, une requête vers un CDN ou un service de statistiques est une fuite ; un script chargé en HTTP en clair peut être remplacé par n’importe qui en chemin.',
    },
    guide: [
      p({
        en: '1. Find what your pages load: the Network tab of the browser’s developer tools, or the command below.\n2. Host fonts, scripts and styles yourself; remove analytics that send visitors’ data elsewhere (if you need numbers, count from your own minimised logs).\n3. When a script must come from elsewhere, load it over HTTPS and pin its content with Subresource Integrity, so a changed file is refused.\n4. A Content-Security-Policy with `script-src \'self\'` (see “Browser security headers”) then keeps new outside scripts from creeping in.',
        es: '1. Averigüe qué cargan sus páginas: la pestaña Red de las herramientas de desarrollo del navegador, o la orden de abajo.\n2. Aloje usted mismo fuentes, scripts y estilos; quite la analítica que envía datos de visitantes a terceros (si necesita cifras, cuente a partir de sus propios registros minimizados).\n3. Cuando un script tenga que venir de fuera, cárguelo por HTTPS y fije su contenido con Subresource Integrity, para que se rechace un archivo modificado.\n4. Una Content-Security-Policy con `script-src \'self\'` (vea «Cabeceras de seguridad para navegadores») evita después que se cuelen nuevos scripts externos.',
        pt: '1. Descubra o que suas páginas carregam: a aba Rede das ferramentas de desenvolvimento do navegador, ou o comando abaixo.\n2. Hospede você mesmo fontes, scripts e estilos; retire serviços de análise que enviam dados de visitantes para fora (se precisar de números, conte a partir dos seus próprios registros minimizados).\n3. Quando um script tiver de vir de fora, carregue-o por HTTPS e fixe seu conteúdo com Subresource Integrity, para que um arquivo alterado seja recusado.\n4. Uma Content-Security-Policy com `script-src \'self\'` (veja “Cabeçalhos de segurança para navegadores”) impede depois que novos scripts externos entrem.',
        fr: '1. Repérez ce que chargent vos pages : l’onglet Réseau des outils de développement du navigateur, ou la commande ci-dessous.\n2. Hébergez vous-même polices, scripts et styles ; retirez les statistiques qui envoient les données des visiteurs ailleurs (si vous avez besoin de chiffres, comptez à partir de vos propres journaux minimisés).\n3. Quand un script doit venir d’ailleurs, chargez-le en HTTPS et fixez son contenu avec Subresource Integrity, pour qu’un fichier modifié soit refusé.\n4. Une Content-Security-Policy avec `script-src \'self\'` (voir « En-têtes de sécurité pour les navigateurs ») empêche ensuite de nouveaux scripts externes de s’introduire.',
      }),
      code('sh', `
# every script and stylesheet the home page refers to
curl -s https://example.org/ | grep -oE '<(script|link)[^>]+(src|href)="[^"]+"'
# the integrity value of a file you pin
openssl dgst -sha384 -binary lib.js | openssl base64 -A
`),
      code('html', `
<script src="https://cdn.example.net/lib-1.2.3.js"
        integrity="sha384-…value printed above…"
        crossorigin="anonymous"></script>
`),
    ],
    references: [ref('W3C Subresource Integrity', 'https://www.w3.org/TR/SRI/')],
  },
  {
    id: 'dnssec',
    area: 'security',
    weight: 2,
    checks: ['DNS-01', 'DNS-02', 'DNS-03'],
    title: {
      en: 'Zones signed with DNSSEC',
      es: 'Zonas firmadas con DNSSEC',
      pt: 'Zonas assinadas com DNSSEC',
      fr: 'Des zones signées avec DNSSEC',
    },
    why: {
      en: 'DNSSEC lets resolvers check that answers about your names come from you and were not forged on the way. It is also what DANE for mail builds on. Current algorithms (13, ECDSA P-256, or 15, Ed25519) keep signatures small and strong.',
      es: 'DNSSEC permite a los resolvedores comprobar que las respuestas sobre sus nombres vienen de usted y no se falsificaron por el camino. También es la base de DANE para el correo. Los algoritmos actuales (13, ECDSA P-256, o 15, Ed25519) mantienen las firmas pequeñas y robustas.',
      pt: 'O DNSSEC permite que os resolvedores verifiquem que as respostas sobre seus nomes vêm de você e não foram falsificadas no caminho. Ele também é a base do DANE para e-mail. Os algoritmos atuais (13, ECDSA P-256, ou 15, Ed25519) mantêm as assinaturas pequenas e robustas.',
      fr: 'DNSSEC permet aux résolveurs de vérifier que les réponses sur vos noms viennent bien de vous et n’ont pas été falsifiées en chemin. C’est aussi la base de DANE pour la messagerie. Les algorithmes actuels (13, ECDSA P-256, ou 15, Ed25519) gardent des signatures petites et robustes.',
    },
    guide: [
      p({
        en: 'Let the name server sign and roll keys by itself, then publish the DS record at your registrar (or in the parent zone). Wait for the parent’s TTL before changing anything else. Each of the three servers below uses ECDSA P-256 (algorithm 13) by default.',
        es: 'Deje que el servidor de nombres firme y renueve las claves por sí mismo, y publique después el registro DS en su registrador (o en la zona padre). Espere el TTL de la zona padre antes de cambiar nada más. Los tres servidores de abajo usan ECDSA P-256 (algoritmo 13) por omisión.',
        pt: 'Deixe o servidor de nomes assinar e trocar as chaves sozinho e depois publique o registro DS no seu registrador (ou na zona pai). Espere o TTL da zona pai antes de mudar qualquer outra coisa. Os três servidores abaixo usam ECDSA P-256 (algoritmo 13) por padrão.',
        fr: 'Laissez le serveur de noms signer et renouveler les clés lui-même, puis publiez l’enregistrement DS chez votre bureau d’enregistrement (ou dans la zone parente). Attendez le TTL de la zone parente avant de changer quoi que ce soit d’autre. Les trois serveurs ci-dessous utilisent ECDSA P-256 (algorithme 13) par défaut.',
      }),
      sw('Knot DNS'),
      code('yaml', `
# /etc/knot/knot.conf — the default policy: ECDSA P-256, automatic rollovers
zone:
  - domain: example.org
    dnssec-signing: on
`),
      code('sh', `
knotc reload
keymgr example.org ds      # the DS records to give the registrar
`),
      sw('BIND'),
      code('text', `
// named.conf (BIND 9.16 or later)
zone "example.org" {
    type primary;
    file "/var/lib/bind/example.org.zone";
    dnssec-policy default;
    inline-signing yes;
};
`),
      code('sh', `
rndc reconfig
dig @127.0.0.1 example.org DNSKEY | dnssec-dsfromkey -f - example.org
`),
      sw('PowerDNS'),
      code('sh', `
pdnsutil secure-zone example.org
pdnsutil rectify-zone example.org
pdnsutil show-zone example.org     # prints the DS records
`),
      p({
        en: 'When the DS is published, a validating resolver must say the answer is fully validated:',
        es: 'Cuando el DS esté publicado, un resolvedor que valida debe decir que la respuesta está totalmente validada:',
        pt: 'Quando o DS estiver publicado, um resolvedor que valida deve dizer que a resposta está totalmente validada:',
        fr: 'Une fois le DS publié, un résolveur validant doit dire que la réponse est entièrement validée :',
      }),
      code('sh', `
delv example.org SOA      # "; fully validated"
`),
    ],
    references: [
      ref('RFC 4033: DNS Security Introduction and Requirements', 'https://www.rfc-editor.org/rfc/rfc4033'),
      ref('RFC 8624: Algorithm Implementation Requirements for DNSSEC', 'https://www.rfc-editor.org/rfc/rfc8624'),
      ref('Knot DNS: Automatic DNSSEC signing', 'https://www.knot-dns.cz/docs/latest/html/configuration.html'),
      ref('PowerDNS: DNSSEC', 'https://doc.powerdns.com/authoritative/dnssec/index.html'),
    ],
  },
  {
    id: 'dns-hygiene',
    area: 'security',
    weight: 2,
    checks: ['DNS-06'],
    title: {
      en: 'Name servers refuse recursion and zone transfers',
      es: 'Servidores de nombres que rechazan la recursión y las transferencias de zona',
      pt: 'Servidores de nomes que recusam recursão e transferências de zona',
      fr: 'Des serveurs de noms qui refusent la récursion et les transferts de zone',
    },
    why: {
      en: 'An authoritative server that resolves names for anyone can be used to amplify denial-of-service attacks; one that gives out zone transfers lists every name you have, including those meant to stay quiet. Differing serials mean some servers still give old answers.',
      es: 'Un servidor autoritativo que resuelve nombres para cualquiera puede usarse para amplificar ataques de denegación de servicio; uno que entrega transferencias de zona enumera todos sus nombres, incluso los que deberían pasar desapercibidos. Números de serie distintos indican que algunos servidores siguen dando respuestas viejas.',
      pt: 'Um servidor autoritativo que resolve nomes para qualquer pessoa pode ser usado para amplificar ataques de negação de serviço; um que entrega transferências de zona lista todos os seus nomes, inclusive os que deveriam passar despercebidos. Números de série diferentes indicam que alguns servidores ainda dão respostas antigas.',
      fr: 'Un serveur faisant autorité qui résout des noms pour n’importe qui peut servir à amplifier des attaques par déni de service ; un serveur qui accorde des transferts de zone révèle tous vos noms, y compris ceux qui devaient rester discrets. Des numéros de série différents signifient que certains serveurs donnent encore d’anciennes réponses.',
    },
    guide: [
      sw('BIND'),
      code('text', `
options {
    recursion no;
    allow-transfer { none; };
};
zone "example.org" {
    type primary;
    file "/var/lib/bind/example.org.zone";
    allow-transfer { key "xfr"; };   // only the secondaries, with a TSIG key
};
`),
      sw('Knot DNS'),
      p({
        en: 'Knot DNS never resolves recursively. Transfers are refused unless an ACL allows them:',
        es: 'Knot DNS nunca resuelve de forma recursiva. Las transferencias se rechazan salvo que una ACL las permita:',
        pt: 'O Knot DNS nunca resolve de forma recursiva. As transferências são recusadas a menos que uma ACL as permita:',
        fr: 'Knot DNS ne résout jamais de façon récursive. Les transferts sont refusés sauf si une ACL les autorise :',
      }),
      code('yaml', `
acl:
  - id: secondary-xfr
    address: 203.0.113.53
    key: xfr
    action: transfer
zone:
  - domain: example.org
    acl: secondary-xfr
`),
      sw('PowerDNS'),
      code('ini', `
# /etc/powerdns/pdns.conf — the authoritative server does no recursion
disable-axfr=no
allow-axfr-ips=203.0.113.53
`),
      p({
        en: 'Check from a machine outside your networks: the first two commands must be refused, and every name server must show the same serial.',
        es: 'Compruebe desde una máquina fuera de sus redes: las dos primeras órdenes deben ser rechazadas, y todos los servidores de nombres deben mostrar el mismo número de serie.',
        pt: 'Verifique de uma máquina fora das suas redes: os dois primeiros comandos devem ser recusados, e todos os servidores de nomes devem mostrar o mesmo número de série.',
        fr: 'Vérifiez depuis une machine hors de vos réseaux : les deux premières commandes doivent être refusées, et tous les serveurs de noms doivent montrer le même numéro de série.',
      }),
      code('sh', `
dig @ns1.example.org example.net A          # status: REFUSED
dig @ns1.example.org example.org AXFR       # "Transfer failed."
dig +nssearch example.org                   # one serial for all
`),
    ],
    references: [
      ref('RFC 5358: Preventing Use of Recursive Nameservers in Reflector Attacks', 'https://www.rfc-editor.org/rfc/rfc5358'),
      ref('BIND 9 Administrator Reference Manual', 'https://bind9.readthedocs.io/'),
    ],
  },
  {
    id: 'mail-tls',
    area: 'security',
    weight: 3,
    checks: ['MAIL-02', 'MAIL-11'],
    title: {
      en: 'Encrypted mail transport and client access',
      es: 'Transporte de correo y acceso de clientes cifrados',
      pt: 'Transporte de e-mail e acesso de clientes criptografados',
      fr: 'Transport du courrier et accès des clients chiffrés',
    },
    why: {
      en: 'Mail between servers crosses many networks; without STARTTLS anyone on the path can read it. Mail clients should use implicit TLS (ports 465, 993 and 995), so that no password is ever sent before encryption has started.',
      es: 'El correo entre servidores atraviesa muchas redes; sin STARTTLS cualquiera en el camino puede leerlo. Los clientes de correo deberían usar TLS implícito (puertos 465, 993 y 995), para que ninguna contraseña se envíe antes de que empiece el cifrado.',
      pt: 'O e-mail entre servidores atravessa muitas redes; sem STARTTLS qualquer um no caminho pode lê-lo. Os clientes de e-mail devem usar TLS implícito (portas 465, 993 e 995), para que nenhuma senha seja enviada antes do início da criptografia.',
      fr: 'Le courrier entre serveurs traverse de nombreux réseaux ; sans STARTTLS, n’importe qui en chemin peut le lire. Les clients de messagerie devraient utiliser TLS implicite (ports 465, 993 et 995), pour qu’aucun mot de passe ne soit envoyé avant le début du chiffrement.',
    },
    guide: [
      sw('Postfix'),
      code('ini', `
# /etc/postfix/main.cf
smtpd_tls_chain_files =
    /etc/letsencrypt/live/mail.example.org/privkey.pem,
    /etc/letsencrypt/live/mail.example.org/fullchain.pem
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtp_tls_security_level = may
`),
      p({
        en: 'Enable submission with implicit TLS on port 465 in `master.cf` (authenticated users only):',
        es: 'Active el envío con TLS implícito en el puerto 465 en `master.cf` (solo usuarios autenticados):',
        pt: 'Ative o envio com TLS implícito na porta 465 em `master.cf` (somente usuários autenticados):',
        fr: 'Activez la soumission avec TLS implicite sur le port 465 dans `master.cf` (utilisateurs authentifiés seulement) :',
      }),
      code('text', `
# /etc/postfix/master.cf
submissions inet n       -       y       -       -       smtpd
  -o syslog_name=postfix/submissions
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
`),
      sw('Dovecot'),
      code('text', `
# /etc/dovecot/conf.d/10-ssl.conf
ssl = required
# /etc/dovecot/conf.d/10-master.conf
service imap-login {
  inet_listener imaps {
    port = 993
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3s {
    port = 995
    ssl = yes
  }
}
`),
      p({
        en: '`ssl = required` keeps Dovecot from accepting a password before TLS on ports 143 and 110; tell your users to set their clients to “SSL/TLS” on 993 and 465 rather than “STARTTLS”. Check:',
        es: '`ssl = required` impide que Dovecot acepte una contraseña antes de TLS en los puertos 143 y 110; pida a sus usuarios que configuren sus clientes con «SSL/TLS» en 993 y 465 en vez de «STARTTLS». Compruebe:',
        pt: '`ssl = required` impede que o Dovecot aceite uma senha antes do TLS nas portas 143 e 110; peça a quem usa seus serviços que configure os clientes com “SSL/TLS” em 993 e 465 em vez de “STARTTLS”. Verifique:',
        fr: '`ssl = required` empêche Dovecot d’accepter un mot de passe avant TLS sur les ports 143 et 110 ; demandez à vos usagers de régler leurs clients sur « SSL/TLS » en 993 et 465 plutôt que « STARTTLS ». Vérifiez :',
      }),
      code('sh', `
openssl s_client -connect mail.example.org:25 -starttls smtp </dev/null
openssl s_client -connect mail.example.org:465 </dev/null
openssl s_client -connect mail.example.org:993 </dev/null
`),
    ],
    references: [
      ref('RFC 3207: SMTP Service Extension for Secure SMTP over TLS', 'https://www.rfc-editor.org/rfc/rfc3207'),
      ref('RFC 8314: Cleartext Considered Obsolete', 'https://www.rfc-editor.org/rfc/rfc8314'),
      ref('Postfix TLS Support', 'https://www.postfix.org/TLS_README.html'),
    ],
  },
  {
    id: 'mail-dane',
    area: 'security',
    weight: 2,
    checks: ['MAIL-03', 'MAIL-04', 'MAIL-05'],
    title: {
      en: 'DANE records for mail servers',
      es: 'Registros DANE para los servidores de correo',
      pt: 'Registros DANE para os servidores de e-mail',
      fr: 'Des enregistrements DANE pour les serveurs de messagerie',
    },
    why: {
      en: 'STARTTLS alone can be stripped by an attacker, and sending servers do not check certificates by default. With DANE, a sender that validates DNSSEC learns from your signed zone which key to expect, and refuses to deliver to anyone else.',
      es: 'STARTTLS por sí solo puede ser eliminado por un atacante, y los servidores remitentes no comprueban certificados por omisión. Con DANE, un remitente que valida DNSSEC sabe por su zona firmada qué clave esperar, y se niega a entregar a cualquier otro.',
      pt: 'O STARTTLS sozinho pode ser removido por um atacante, e os servidores remetentes não verificam certificados por padrão. Com DANE, um remetente que valida DNSSEC aprende pela sua zona assinada qual chave esperar e se recusa a entregar a qualquer outro.',
      fr: 'STARTTLS seul peut être supprimé par un attaquant, et les serveurs expéditeurs ne vérifient pas les certificats par défaut. Avec DANE, un expéditeur qui valide DNSSEC apprend de votre zone signée quelle clé attendre, et refuse de livrer à quiconque d’autre.',
    },
    guide: [
      p({
        en: 'DANE needs a signed zone (see “Zones signed with DNSSEC”). Publish a `3 1 1` TLSA record — the SHA-256 of your server’s public key — for each MX host on port 25:',
        es: 'DANE necesita una zona firmada (vea «Zonas firmadas con DNSSEC»). Publique un registro TLSA `3 1 1` —el SHA-256 de la clave pública de su servidor— para cada host MX en el puerto 25:',
        pt: 'O DANE precisa de uma zona assinada (veja “Zonas assinadas com DNSSEC”). Publique um registro TLSA `3 1 1` — o SHA-256 da chave pública do seu servidor — para cada host MX na porta 25:',
        fr: 'DANE exige une zone signée (voir « Des zones signées avec DNSSEC »). Publiez un enregistrement TLSA `3 1 1` — le SHA-256 de la clé publique de votre serveur — pour chaque hôte MX sur le port 25 :',
      }),
      code('sh', `
openssl x509 -in /etc/letsencrypt/live/mail.example.org/cert.pem -noout -pubkey \\
  | openssl pkey -pubin -outform DER | sha256sum
`),
      code('dns', `
_25._tcp.mail.example.org. 3600 IN TLSA 3 1 1 <the 64 hexadecimal characters printed above>
`),
      p({
        en: 'certbot makes a **new key at every renewal** by default, which would break a `3 1 1` record every two months. Keep the key with `certbot renew --reuse-key` (or `reuse_key = True` in the renewal file). When you do change the key, publish the new key’s TLSA record beside the old one, wait at least two TTLs, switch, then remove the old record.\n\nTo use DANE when *your* server sends mail, Postfix needs a local validating resolver (such as Unbound) and:',
        es: 'certbot crea **una clave nueva en cada renovación** por omisión, lo que rompería un registro `3 1 1` cada dos meses. Conserve la clave con `certbot renew --reuse-key` (o `reuse_key = True` en el archivo de renovación). Cuando cambie la clave, publique el registro TLSA de la nueva junto al de la antigua, espere al menos dos TTL, cambie y después quite el registro antiguo.\n\nPara usar DANE cuando *su* servidor envía correo, Postfix necesita un resolvedor local que valide (como Unbound) y:',
        pt: 'O certbot cria **uma chave nova a cada renovação** por padrão, o que quebraria um registro `3 1 1` a cada dois meses. Mantenha a chave com `certbot renew --reuse-key` (ou `reuse_key = True` no arquivo de renovação). Quando trocar a chave, publique o registro TLSA da nova ao lado do antigo, espere pelo menos dois TTL, troque e então remova o registro antigo.\n\nPara usar DANE quando o *seu* servidor envia e-mail, o Postfix precisa de um resolvedor local que valide (como o Unbound) e:',
        fr: 'Par défaut, certbot crée **une nouvelle clé à chaque renouvellement**, ce qui casserait un enregistrement `3 1 1` tous les deux mois. Gardez la clé avec `certbot renew --reuse-key` (ou `reuse_key = True` dans le fichier de renouvellement). Quand vous changez de clé, publiez l’enregistrement TLSA de la nouvelle à côté de l’ancien, attendez au moins deux TTL, basculez, puis retirez l’ancien.\n\nPour utiliser DANE quand *votre* serveur envoie du courrier, Postfix a besoin d’un résolveur local validant (comme Unbound) et de :',
      }),
      code('ini', `
# /etc/postfix/main.cf
smtp_dns_support_level = dnssec
smtp_tls_security_level = dane
`),
    ],
    references: [
      ref('RFC 7672: SMTP Security via Opportunistic DANE TLS', 'https://www.rfc-editor.org/rfc/rfc7672'),
      ref('RFC 7671: The DANE Protocol: Updates and Operational Guidance', 'https://www.rfc-editor.org/rfc/rfc7671'),
      ref('Postfix TLS Support: DANE', 'https://www.postfix.org/TLS_README.html#client_tls_dane'),
    ],
  },
  {
    id: 'mail-mta-sts',
    area: 'security',
    weight: 1,
    checks: ['MAIL-09', 'MAIL-10'],
    title: {
      en: 'MTA-STS and TLS reports',
      es: 'MTA-STS e informes TLS',
      pt: 'MTA-STS e relatórios TLS',
      fr: 'MTA-STS et rapports TLS',
    },
    why: {
      en: 'MTA-STS lets senders that do not validate DNSSEC insist on encrypted, authenticated delivery to you. TLS reports tell you when other servers fail to reach you securely — often the first sign of a broken certificate, or of someone interfering.',
      es: 'MTA-STS permite a los remitentes que no validan DNSSEC exigir una entrega cifrada y autenticada hacia usted. Los informes TLS le avisan cuando otros servidores no logran alcanzarle de forma segura, a menudo la primera señal de un certificado roto o de una interferencia.',
      pt: 'O MTA-STS permite que remetentes que não validam DNSSEC exijam uma entrega criptografada e autenticada para você. Os relatórios TLS avisam quando outros servidores não conseguem alcançar você com segurança — muitas vezes o primeiro sinal de um certificado quebrado ou de uma interferência.',
      fr: 'MTA-STS permet aux expéditeurs qui ne valident pas DNSSEC d’exiger une livraison chiffrée et authentifiée vers vous. Les rapports TLS vous disent quand d’autres serveurs n’arrivent pas à vous joindre de façon sûre — souvent le premier signe d’un certificat cassé ou d’une interférence.',
    },
    guide: [
      p({
        en: '1. Publish the policy at `https://mta-sts.example.org/.well-known/mta-sts.txt` (the certificate must cover `mta-sts.example.org`), listing every MX host.\n2. Publish the two TXT records. Change `id` every time the policy changes.\n3. Start with `mode: testing` for two weeks, read the reports, then switch to `mode: enforce`.',
        es: '1. Publique la política en `https://mta-sts.example.org/.well-known/mta-sts.txt` (el certificado debe cubrir `mta-sts.example.org`), con todos los hosts MX.\n2. Publique los dos registros TXT. Cambie `id` cada vez que cambie la política.\n3. Empiece con `mode: testing` durante dos semanas, lea los informes y pase después a `mode: enforce`.',
        pt: '1. Publique a política em `https://mta-sts.example.org/.well-known/mta-sts.txt` (o certificado deve cobrir `mta-sts.example.org`), listando todos os hosts MX.\n2. Publique os dois registros TXT. Mude o `id` toda vez que a política mudar.\n3. Comece com `mode: testing` por duas semanas, leia os relatórios e então passe para `mode: enforce`.',
        fr: '1. Publiez la politique à `https://mta-sts.example.org/.well-known/mta-sts.txt` (le certificat doit couvrir `mta-sts.example.org`), en listant tous les hôtes MX.\n2. Publiez les deux enregistrements TXT. Changez `id` à chaque changement de politique.\n3. Commencez par `mode: testing` pendant deux semaines, lisez les rapports, puis passez à `mode: enforce`.',
      }),
      code('text', `
version: STSv1
mode: enforce
mx: mail.example.org
max_age: 604800
`),
      code('dns', `
_mta-sts.example.org.   3600 IN TXT "v=STSv1; id=20261126T1200"
_smtp._tls.example.org. 3600 IN TXT "v=TLSRPTv1; rua=mailto:tls-reports@example.org"
`),
      sw('nginx'),
      code('nginx', `
server {
    listen 443 ssl;
    listen [::]:443 ssl;
    server_name mta-sts.example.org;
    location = /.well-known/mta-sts.txt {
        alias /var/www/mta-sts.txt;
        default_type text/plain;
    }
}
`),
    ],
    references: [
      ref('RFC 8461: SMTP MTA Strict Transport Security (MTA-STS)', 'https://www.rfc-editor.org/rfc/rfc8461'),
      ref('RFC 8460: SMTP TLS Reporting', 'https://www.rfc-editor.org/rfc/rfc8460'),
    ],
  },
  {
    id: 'mail-auth',
    area: 'security',
    weight: 2,
    checks: ['MAIL-06', 'MAIL-07', 'MAIL-08'],
    title: {
      en: 'Sender authentication: SPF, DKIM and DMARC',
      es: 'Autenticación del remitente: SPF, DKIM y DMARC',
      pt: 'Autenticação do remetente: SPF, DKIM e DMARC',
      fr: 'Authentification de l’expéditeur : SPF, DKIM et DMARC',
    },
    why: {
      en: 'Without them anyone can send mail that claims to come from your domain — phishing your own users, or getting your domain blocked. Receivers also trust authenticated mail more, so your users’ mail stops landing in spam folders.',
      es: 'Sin ellos, cualquiera puede enviar correo que dice venir de su dominio: para suplantarle ante sus propios usuarios o para que bloqueen su dominio. Los receptores también confían más en el correo autenticado, y así el correo de sus usuarios deja de caer en la carpeta de spam.',
      pt: 'Sem eles, qualquer um pode enviar e-mails que dizem vir do seu domínio — para enganar quem usa seus serviços ou para fazer seu domínio ser bloqueado. Os receptores também confiam mais em e-mails autenticados, e assim as mensagens de quem usa seus serviços param de cair no spam.',
      fr: 'Sans eux, n’importe qui peut envoyer du courrier qui prétend venir de votre domaine — pour hameçonner vos propres usagers, ou faire bloquer votre domaine. Les destinataires font aussi davantage confiance au courrier authentifié : le courrier de vos usagers cesse d’atterrir dans les indésirables.',
    },
    guide: [
      p({
        en: '**SPF** lists who may send for the domain. End it with `-all` (or `~all` while you check) and stay under 10 DNS lookups (`include:`, `a`, `mx` each count).',
        es: '**SPF** enumera quién puede enviar por el dominio. Termínelo con `-all` (o `~all` mientras comprueba) y no pase de 10 consultas DNS (cada `include:`, `a` y `mx` cuenta).',
        pt: '**SPF** lista quem pode enviar pelo domínio. Termine com `-all` (ou `~all` enquanto verifica) e fique abaixo de 10 consultas DNS (cada `include:`, `a` e `mx` conta).',
        fr: '**SPF** liste qui peut envoyer pour le domaine. Terminez-le par `-all` (ou `~all` le temps de vérifier) et restez sous 10 requêtes DNS (chaque `include:`, `a` et `mx` compte).',
      }),
      code('dns', `
example.org. 3600 IN TXT "v=spf1 mx -all"
`),
      p({
        en: '**DKIM** signs each outgoing message. Make a 2048-bit RSA key (or Ed25519 beside it) with your signer, and publish the record it prints at `<selector>._domainkey.example.org`.',
        es: '**DKIM** firma cada mensaje saliente. Cree una clave RSA de 2048 bits (o Ed25519 junto a ella) con su firmador y publique el registro que imprime en `<selector>._domainkey.example.org`.',
        pt: '**DKIM** assina cada mensagem enviada. Crie uma chave RSA de 2048 bits (ou Ed25519 ao lado dela) com o seu assinador e publique o registro que ele imprime em `<seletor>._domainkey.example.org`.',
        fr: '**DKIM** signe chaque message sortant. Créez une clé RSA de 2048 bits (ou Ed25519 à côté) avec votre signataire, et publiez l’enregistrement qu’il affiche à `<sélecteur>._domainkey.example.org`.',
      }),
      sw('Rspamd'),
      code('sh', `
rspamadm dkim_keygen -d example.org -s 2026a -b 2048 -k /var/lib/rspamd/dkim/example.org.2026a.key
`),
      sw('OpenDKIM with Postfix'),
      code('sh', `
opendkim-genkey -b 2048 -d example.org -s 2026a -D /etc/opendkim/keys/example.org
`),
      code('ini', `
# /etc/postfix/main.cf — OpenDKIM listening on 127.0.0.1:8891
smtpd_milters = inet:127.0.0.1:8891
non_smtpd_milters = $smtpd_milters
milter_default_action = accept
`),
      p({
        en: '**DMARC** tells receivers what to do with mail that fails both checks, and where to send reports. Start with `p=none` and read the reports for a few weeks; then move to `p=quarantine`, and later `p=reject`.',
        es: '**DMARC** indica a los receptores qué hacer con el correo que no supera ambas comprobaciones y adónde enviar informes. Empiece con `p=none` y lea los informes durante unas semanas; pase después a `p=quarantine` y más tarde a `p=reject`.',
        pt: '**DMARC** diz aos receptores o que fazer com e-mails que falham nas duas verificações e para onde enviar relatórios. Comece com `p=none` e leia os relatórios por algumas semanas; depois passe para `p=quarantine` e mais tarde para `p=reject`.',
        fr: '**DMARC** indique aux destinataires que faire du courrier qui échoue aux deux vérifications, et où envoyer les rapports. Commencez par `p=none` et lisez les rapports quelques semaines ; passez ensuite à `p=quarantine`, puis à `p=reject`.',
      }),
      code('dns', `
_dmarc.example.org. 3600 IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@example.org"
`),
    ],
    references: [
      ref('RFC 7208: Sender Policy Framework (SPF)', 'https://www.rfc-editor.org/rfc/rfc7208'),
      ref('RFC 6376: DomainKeys Identified Mail (DKIM) Signatures', 'https://www.rfc-editor.org/rfc/rfc6376'),
      ref('RFC 7489: Domain-based Message Authentication, Reporting, and Conformance (DMARC)', 'https://www.rfc-editor.org/rfc/rfc7489'),
    ],
  },
  // ── Self-assessed ──────────────────────────────────────────────────────
  {
    id: 'admin-2fa',
    area: 'security',
    weight: 3,
    checks: [],
    title: {
      en: 'Two-factor authentication for administrators',
      es: 'Autenticación de dos factores para quienes administran',
      pt: 'Autenticação de dois fatores para quem administra',
      fr: 'Authentification à deux facteurs pour les administrateurs',
    },
    why: {
      en: 'Stolen or guessed passwords are the most common way into infrastructure. For a collective whose users face surveillance, the domain registrar account or the hosting panel is as sensitive as root on the server: whoever holds it can redirect all your mail.',
      es: 'Las contraseñas robadas o adivinadas son la vía más común para entrar en una infraestructura. Para un colectivo cuyos usuarios sufren vigilancia, la cuenta del registrador de dominios o el panel del proveedor son tan delicados como root en el servidor: quien los tenga puede desviar todo su correo.',
      pt: 'Senhas roubadas ou adivinhadas são o caminho mais comum para invadir uma infraestrutura. Para um coletivo cujos usuários enfrentam vigilância, a conta no registrador de domínios ou o painel de hospedagem são tão sensíveis quanto o root no servidor: quem os tiver pode desviar todo o seu e-mail.',
      fr: 'Les mots de passe volés ou devinés sont la voie d’entrée la plus courante dans une infrastructure. Pour un collectif dont les usagers sont surveillés, le compte chez le bureau d’enregistrement ou le panneau de l’hébergeur sont aussi sensibles que root sur le serveur : qui les détient peut détourner tout votre courrier.',
    },
    question: {
      en: 'Does every administrator use a second factor (TOTP, a security key, or SSH keys) for every administrative access: registrar, DNS and hosting panels, servers, applications’ admin accounts and Hearth itself?',
      es: '¿Usa cada persona administradora un segundo factor (TOTP, una llave de seguridad o claves SSH) para todo acceso administrativo: registrador, paneles de DNS y de alojamiento, servidores, cuentas de administración de las aplicaciones y el propio Hearth?',
      pt: 'Cada pessoa administradora usa um segundo fator (TOTP, uma chave de segurança ou chaves SSH) em todo acesso administrativo: registrador, painéis de DNS e de hospedagem, servidores, contas de administração das aplicações e o próprio Hearth?',
      fr: 'Chaque administrateur utilise-t-il un second facteur (TOTP, une clé de sécurité ou des clés SSH) pour chaque accès d’administration : bureau d’enregistrement, panneaux DNS et d’hébergement, serveurs, comptes d’administration des applications et Hearth lui-même ?',
    },
    guide: [
      p({
        en: '1. **List every administrative account**: domain registrar, DNS provider, hosting or colocation panel, root and sudo on servers, the admin accounts of web applications, the shared password manager, Hearth.\n2. **Turn on a second factor on each**: TOTP at least, a FIDO2/WebAuthn security key where offered. Use security keys for the registrar first — it controls everything else.\n3. **Keep recovery codes offline**, in two places that two different people can reach.\n4. **SSH**: log in with keys only (see “Administrative logins by key only”). A FIDO2 key keeps the private key on the hardware: `ssh-keygen -t ed25519-sk`.\n5. Turn the second factor from an option into a rule where the software allows it, for example in Nextcloud:',
        es: '1. **Enumere todas las cuentas administrativas**: registrador de dominios, proveedor de DNS, panel de alojamiento o housing, root y sudo en los servidores, las cuentas de administración de las aplicaciones web, el gestor de contraseñas compartido, Hearth.\n2. **Active un segundo factor en cada una**: TOTP como mínimo, una llave de seguridad FIDO2/WebAuthn donde se ofrezca. Empiece por el registrador, que controla todo lo demás.\n3. **Guarde los códigos de recuperación fuera de línea**, en dos lugares a los que puedan llegar dos personas distintas.\n4. **SSH**: entre solo con claves (vea «Acceso administrativo solo con claves»). Una llave FIDO2 guarda la clave privada en el hardware: `ssh-keygen -t ed25519-sk`.\n5. Convierta el segundo factor de opción en regla donde el software lo permita, por ejemplo en Nextcloud:',
        pt: '1. **Liste todas as contas administrativas**: registrador de domínios, provedor de DNS, painel de hospedagem ou colocation, root e sudo nos servidores, contas de administração das aplicações web, o gerenciador de senhas compartilhado, o Hearth.\n2. **Ative um segundo fator em cada uma**: TOTP no mínimo, uma chave de segurança FIDO2/WebAuthn onde houver. Comece pelo registrador, que controla todo o resto.\n3. **Guarde os códigos de recuperação fora da rede**, em dois lugares que duas pessoas diferentes possam alcançar.\n4. **SSH**: entre somente com chaves (veja “Acesso administrativo somente com chaves”). Uma chave FIDO2 mantém a chave privada no hardware: `ssh-keygen -t ed25519-sk`.\n5. Transforme o segundo fator de opção em regra onde o software permitir, por exemplo no Nextcloud:',
        fr: '1. **Listez tous les comptes d’administration** : bureau d’enregistrement, fournisseur DNS, panneau d’hébergement ou de colocation, root et sudo sur les serveurs, comptes d’administration des applications web, gestionnaire de mots de passe partagé, Hearth.\n2. **Activez un second facteur sur chacun** : TOTP au minimum, une clé de sécurité FIDO2/WebAuthn quand c’est possible. Commencez par le bureau d’enregistrement, qui contrôle tout le reste.\n3. **Gardez les codes de récupération hors ligne**, à deux endroits accessibles à deux personnes différentes.\n4. **SSH** : connexion par clés uniquement (voir « Connexions d’administration par clé uniquement »). Une clé FIDO2 garde la clé privée dans le matériel : `ssh-keygen -t ed25519-sk`.\n5. Faites du second facteur une règle plutôt qu’une option quand le logiciel le permet, par exemple dans Nextcloud :',
      }),
      code('sh', `
sudo -u www-data php occ twofactorauth:enforce --on --group=admin
`),
    ],
    references: [
      ref('OWASP Multifactor Authentication Cheat Sheet', 'https://cheatsheetseries.owasp.org/cheatsheets/Multifactor_Authentication_Cheat_Sheet.html'),
      ref('RFC 6238: TOTP: Time-Based One-Time Password Algorithm', 'https://www.rfc-editor.org/rfc/rfc6238'),
    ],
  },
  {
    id: 'ssh-keys',
    area: 'security',
    weight: 2,
    checks: [],
    title: {
      en: 'Administrative logins by key only',
      es: 'Acceso administrativo solo con claves',
      pt: 'Acesso administrativo somente com chaves',
      fr: 'Connexions d’administration par clé uniquement',
    },
    why: {
      en: 'Every server reachable over SSH receives thousands of password guesses a day. Keys cannot be guessed, and a password that is never accepted cannot be phished or reused from another breach.',
      es: 'Todo servidor accesible por SSH recibe miles de intentos de contraseña al día. Las claves no se pueden adivinar, y una contraseña que nunca se acepta no puede robarse con engaños ni reutilizarse de otra filtración.',
      pt: 'Todo servidor acessível por SSH recebe milhares de tentativas de senha por dia. Chaves não podem ser adivinhadas, e uma senha que nunca é aceita não pode ser roubada com golpes nem reaproveitada de outro vazamento.',
      fr: 'Tout serveur joignable en SSH reçoit des milliers d’essais de mots de passe par jour. Les clés ne se devinent pas, et un mot de passe jamais accepté ne peut être ni hameçonné ni réutilisé après une autre fuite.',
    },
    question: {
      en: 'Do your servers accept SSH logins only with keys (password logins turned off), with root logins disabled or limited to keys?',
      es: '¿Aceptan sus servidores el acceso SSH solo con claves (acceso con contraseña desactivado), con el acceso de root desactivado o limitado a claves?',
      pt: 'Seus servidores aceitam acesso SSH somente com chaves (acesso por senha desativado), com o acesso de root desativado ou limitado a chaves?',
      fr: 'Vos serveurs n’acceptent-ils les connexions SSH que par clé (connexion par mot de passe désactivée), avec la connexion root désactivée ou limitée aux clés ?',
    },
    guide: [
      p({
        en: 'Make sure every administrator has a working key first (`ssh-keygen -t ed25519`, then `ssh-copy-id`). Then change the server, **keeping a second session open** while you test, so a mistake cannot lock you out:',
        es: 'Asegúrese primero de que cada persona administradora tiene una clave que funciona (`ssh-keygen -t ed25519` y luego `ssh-copy-id`). Después cambie el servidor **manteniendo abierta una segunda sesión** mientras prueba, para que un error no le deje fuera:',
        pt: 'Garanta primeiro que cada pessoa administradora tem uma chave que funciona (`ssh-keygen -t ed25519` e depois `ssh-copy-id`). Então altere o servidor **mantendo uma segunda sessão aberta** enquanto testa, para que um erro não deixe você de fora:',
        fr: 'Vérifiez d’abord que chaque administrateur a une clé qui fonctionne (`ssh-keygen -t ed25519`, puis `ssh-copy-id`). Modifiez ensuite le serveur **en gardant une seconde session ouverte** pendant les essais, pour qu’une erreur ne vous enferme pas dehors :',
      }),
      code('text', `
# /etc/ssh/sshd_config.d/10-keys-only.conf
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
`),
      code('sh', `
sshd -t && systemctl reload ssh
# from your machine: must say "Permission denied (publickey)"
ssh -o PubkeyAuthentication=no -o PreferredAuthentications=password admin@server.example.org
`),
    ],
    references: [ref('OpenSSH sshd_config manual', 'https://man.openbsd.org/sshd_config')],
  },
  {
    id: 'patching',
    area: 'security',
    weight: 3,
    checks: [],
    title: {
      en: 'Security updates within a stated time',
      es: 'Actualizaciones de seguridad en un plazo declarado',
      pt: 'Atualizações de segurança num prazo declarado',
      fr: 'Des mises à jour de sécurité dans un délai annoncé',
    },
    why: {
      en: 'Most break-ins use flaws for which an update already existed. A stated time — for example critical updates within 48 hours — turns “we update when we can” into a promise the team can keep and check.',
      es: 'La mayoría de las intrusiones aprovechan fallos para los que ya existía una actualización. Un plazo declarado —por ejemplo, las actualizaciones críticas en 48 horas— convierte «actualizamos cuando podemos» en un compromiso que el equipo puede cumplir y comprobar.',
      pt: 'A maioria das invasões usa falhas para as quais já existia uma atualização. Um prazo declarado — por exemplo, atualizações críticas em 48 horas — transforma “atualizamos quando dá” num compromisso que a equipe pode cumprir e verificar.',
      fr: 'La plupart des intrusions exploitent des failles pour lesquelles une mise à jour existait déjà. Un délai annoncé — par exemple les mises à jour critiques sous 48 heures — transforme « on met à jour quand on peut » en un engagement que l’équipe peut tenir et vérifier.',
    },
    question: {
      en: 'Have you written down how quickly you apply security updates (for example: critical within 48 hours, others within 14 days), and did you keep to it over the last months?',
      es: '¿Han dejado por escrito en qué plazo aplican las actualizaciones de seguridad (por ejemplo: críticas en 48 horas, el resto en 14 días), y lo han cumplido en los últimos meses?',
      pt: 'Vocês registraram por escrito em quanto tempo aplicam as atualizações de segurança (por exemplo: críticas em 48 horas, as demais em 14 dias), e cumpriram isso nos últimos meses?',
      fr: 'Avez-vous écrit dans quel délai vous appliquez les mises à jour de sécurité (par exemple : critiques sous 48 heures, les autres sous 14 jours), et l’avez-vous tenu ces derniers mois ?',
    },
    guide: [
      p({
        en: '1. **Write the rule** in your runbook: how fast for critical and for other updates, who watches the advisories this week, who decides on reboots.\n2. **Subscribe to advisories** for what you run: your distribution’s security list (for Debian, debian-security-announce) and the announcement lists of Postfix, Dovecot, nginx, Prosody and the web applications you host.\n3. **Let machines install security updates by themselves** (see “Unattended security updates”) so the stated time only has to cover what needs a person.\n4. **Find services still running old libraries** after an update, and restart them:',
        es: '1. **Escriba la regla** en su manual de procedimientos: en qué plazo para las críticas y para las demás, quién vigila los avisos esta semana, quién decide los reinicios.\n2. **Suscríbase a los avisos** de lo que usa: la lista de seguridad de su distribución (en Debian, debian-security-announce) y las listas de anuncios de Postfix, Dovecot, nginx, Prosody y las aplicaciones web que aloja.\n3. **Deje que las máquinas instalen solas las actualizaciones de seguridad** (vea «Actualizaciones de seguridad automáticas») para que el plazo declarado solo tenga que cubrir lo que necesita a una persona.\n4. **Busque los servicios que siguen usando bibliotecas antiguas** tras una actualización y reinícielos:',
        pt: '1. **Escreva a regra** no seu manual de procedimentos: em quanto tempo para as críticas e para as demais, quem acompanha os alertas nesta semana, quem decide as reinicializações.\n2. **Assine os alertas** do que você usa: a lista de segurança da sua distribuição (no Debian, debian-security-announce) e as listas de anúncios do Postfix, Dovecot, nginx, Prosody e das aplicações web que você hospeda.\n3. **Deixe as máquinas instalarem sozinhas as atualizações de segurança** (veja “Atualizações de segurança automáticas”) para que o prazo declarado só precise cobrir o que exige uma pessoa.\n4. **Encontre os serviços que ainda usam bibliotecas antigas** depois de uma atualização e reinicie-os:',
        fr: '1. **Écrivez la règle** dans vos procédures : quel délai pour les mises à jour critiques et pour les autres, qui surveille les avis cette semaine, qui décide des redémarrages.\n2. **Abonnez-vous aux avis** de ce que vous utilisez : la liste de sécurité de votre distribution (pour Debian, debian-security-announce) et les listes d’annonces de Postfix, Dovecot, nginx, Prosody et des applications web que vous hébergez.\n3. **Laissez les machines installer seules les mises à jour de sécurité** (voir « Mises à jour de sécurité automatiques ») pour que le délai annoncé ne couvre que ce qui demande une personne.\n4. **Repérez les services qui tournent encore avec d’anciennes bibliothèques** après une mise à jour, et redémarrez-les :',
      }),
      code('sh', `
needrestart -r l      # Debian and Ubuntu: list services to restart, change nothing
`),
      p({
        en: '5. **Keep a short record** of each critical update and the day it was applied (a ticket, a line in a log), so the next review can see whether the promise held.',
        es: '5. **Lleve un registro breve** de cada actualización crítica y del día en que se aplicó (un ticket, una línea en un registro), para que la próxima revisión vea si se cumplió el compromiso.',
        pt: '5. **Mantenha um registro curto** de cada atualização crítica e do dia em que foi aplicada (um chamado, uma linha num registro), para que a próxima revisão veja se o compromisso foi cumprido.',
        fr: '5. **Tenez un court registre** de chaque mise à jour critique et du jour où elle a été appliquée (un ticket, une ligne dans un journal), pour que la prochaine revue voie si l’engagement a été tenu.',
      }),
    ],
    references: [
      ref('Debian security information', 'https://www.debian.org/security/'),
      ref('CIS Control 7: Continuous Vulnerability Management', 'https://www.cisecurity.org/controls/continuous-vulnerability-management'),
    ],
  },
  {
    id: 'disk-encryption',
    area: 'security',
    weight: 2,
    checks: [],
    title: {
      en: 'Encrypted disks for user data and backups',
      es: 'Discos cifrados para los datos de usuarios y las copias',
      pt: 'Discos criptografados para dados de usuários e backups',
      fr: 'Des disques chiffrés pour les données des usagers et les sauvegardes',
    },
    why: {
      en: 'Servers get seized, hardware goes for repair, disks get thrown away. With encryption at rest, a disk that leaves your hands does not take your users’ mail and files with it.',
      es: 'Los servidores se incautan, el hardware se envía a reparar, los discos se tiran. Con el cifrado en reposo, un disco que sale de sus manos no se lleva consigo el correo y los archivos de sus usuarios.',
      pt: 'Servidores são apreendidos, hardware vai para conserto, discos são descartados. Com a criptografia em repouso, um disco que sai das suas mãos não leva junto os e-mails e arquivos de quem usa seus serviços.',
      fr: 'Des serveurs sont saisis, du matériel part en réparation, des disques sont jetés. Avec le chiffrement au repos, un disque qui quitte vos mains n’emporte pas le courrier et les fichiers de vos usagers.',
    },
    question: {
      en: 'Are the disks that hold user data and backups encrypted at rest (full disk or per volume), with the keys kept apart from the data?',
      es: '¿Están cifrados en reposo los discos que guardan datos de usuarios y copias de seguridad (disco completo o por volumen), con las claves guardadas aparte de los datos?',
      pt: 'Os discos que guardam dados de usuários e backups estão criptografados em repouso (disco inteiro ou por volume), com as chaves guardadas separadamente dos dados?',
      fr: 'Les disques qui contiennent les données des usagers et les sauvegardes sont-ils chiffrés au repos (disque entier ou par volume), avec les clés gardées à part des données ?',
    },
    guide: [
      p({
        en: '- **New servers**: choose “encrypted LVM” (LUKS) in the installer.\n- **Remote servers** must be unlocked at boot. `dropbear-initramfs` lets you type the passphrase over SSH; Clevis with a Tang server unlocks automatically while the machine stays in your network.\n- **Data volumes** can be encrypted on their own, as below.\n- **Backups**: encrypt before they leave the machine (restic and BorgBackup do by default).\n\nKnow the limit: a running server holds its keys in memory. Encryption protects disks that are switched off — during a seizure, a repair or disposal.',
        es: '- **Servidores nuevos**: elija «LVM cifrado» (LUKS) en el instalador.\n- **Servidores remotos**: hay que desbloquearlos al arrancar. `dropbear-initramfs` le permite escribir la frase de paso por SSH; Clevis con un servidor Tang desbloquea automáticamente mientras la máquina siga en su red.\n- **Volúmenes de datos**: pueden cifrarse por separado, como abajo.\n- **Copias de seguridad**: cífrelas antes de que salgan de la máquina (restic y BorgBackup lo hacen por omisión).\n\nConozca el límite: un servidor en marcha tiene sus claves en memoria. El cifrado protege los discos apagados: durante una incautación, una reparación o al desecharlos.',
        pt: '- **Servidores novos**: escolha “LVM criptografado” (LUKS) no instalador.\n- **Servidores remotos**: precisam ser desbloqueados na inicialização. O `dropbear-initramfs` permite digitar a frase-senha por SSH; o Clevis com um servidor Tang desbloqueia automaticamente enquanto a máquina estiver na sua rede.\n- **Volumes de dados**: podem ser criptografados separadamente, como abaixo.\n- **Backups**: criptografe antes de saírem da máquina (restic e BorgBackup fazem isso por padrão).\n\nConheça o limite: um servidor ligado guarda as chaves na memória. A criptografia protege discos desligados — numa apreensão, num conserto ou no descarte.',
        fr: '- **Nouveaux serveurs** : choisissez « LVM chiffré » (LUKS) dans l’installateur.\n- **Serveurs distants** : il faut les déverrouiller au démarrage. `dropbear-initramfs` permet de taper la phrase de passe par SSH ; Clevis avec un serveur Tang déverrouille automatiquement tant que la machine reste dans votre réseau.\n- **Volumes de données** : ils peuvent être chiffrés séparément, comme ci-dessous.\n- **Sauvegardes** : chiffrez-les avant qu’elles ne quittent la machine (restic et BorgBackup le font par défaut).\n\nConnaissez la limite : un serveur allumé garde ses clés en mémoire. Le chiffrement protège les disques éteints — lors d’une saisie, d’une réparation ou d’une mise au rebut.',
      }),
      sw('dropbear-initramfs (Debian 12 and later)'),
      code('sh', `
apt install dropbear-initramfs
cat ~admin/.ssh/id_ed25519.pub >> /etc/dropbear/initramfs/authorized_keys
update-initramfs -u
# at boot: ssh root@server and run cryptroot-unlock
`),
      sw('LUKS data volume'),
      code('sh', `
cryptsetup luksFormat /dev/sdb
cryptsetup open /dev/sdb data
mkfs.ext4 /dev/mapper/data
`),
    ],
    references: [
      ref('cryptsetup and LUKS documentation', 'https://gitlab.com/cryptsetup/cryptsetup/-/wikis/home'),
      ref('Debian cryptsetup-initramfs and dropbear', 'https://wiki.debian.org/CryptSetup'),
    ],
  },
  {
    id: 'access-review',
    area: 'security',
    weight: 2,
    checks: [],
    title: {
      en: 'Regular access reviews',
      es: 'Revisiones periódicas de accesos',
      pt: 'Revisões periódicas de acessos',
      fr: 'Des revues régulières des accès',
    },
    why: {
      en: 'People join and leave collectives; their keys and accounts tend to stay. Every forgotten key is a door someone else may one day open — a lost laptop, a falling-out, a person under pressure.',
      es: 'Las personas entran y salen de los colectivos; sus claves y cuentas suelen quedarse. Cada clave olvidada es una puerta que otra persona podría abrir algún día: un portátil perdido, una ruptura, alguien bajo presión.',
      pt: 'Pessoas entram e saem dos coletivos; suas chaves e contas costumam ficar. Cada chave esquecida é uma porta que outra pessoa pode abrir um dia — um notebook perdido, um rompimento, alguém sob pressão.',
      fr: 'Des personnes rejoignent et quittent les collectifs ; leurs clés et comptes ont tendance à rester. Chaque clé oubliée est une porte que quelqu’un pourrait ouvrir un jour — un ordinateur perdu, une brouille, une personne sous pression.',
    },
    question: {
      en: 'At least twice a year, do you review who has administrative access (server accounts, SSH keys, panels, registrar, shared passwords) and remove what is no longer needed?',
      es: '¿Revisan al menos dos veces al año quién tiene acceso administrativo (cuentas en servidores, claves SSH, paneles, registrador, contraseñas compartidas) y retiran lo que ya no hace falta?',
      pt: 'Pelo menos duas vezes por ano, vocês revisam quem tem acesso administrativo (contas nos servidores, chaves SSH, painéis, registrador, senhas compartilhadas) e retiram o que não é mais necessário?',
      fr: 'Au moins deux fois par an, passez-vous en revue qui a un accès d’administration (comptes sur les serveurs, clés SSH, panneaux, bureau d’enregistrement, mots de passe partagés) et retirez-vous ce qui n’est plus nécessaire ?',
    },
    guide: [
      p({
        en: '1. **Collect the lists** from every place access lives: sudo groups and `authorized_keys` on each server (below), the users of the hosting panel, registrar and DNS provider, the shared vaults of the password manager, the admin accounts of applications, the org-admins in Hearth.\n2. **Compare with the people** who do the work today. Remove anything nobody can explain.\n3. **When someone leaves**, remove their access the same day and change any secret they knew (shared passwords, API tokens, the backup repository’s password if they had it).\n4. **Write down the date** of the review and what was removed; put the next one in the calendar.',
        es: '1. **Reúna las listas** de todos los lugares donde hay accesos: grupos sudo y `authorized_keys` en cada servidor (abajo), usuarios del panel de alojamiento, del registrador y del proveedor de DNS, bóvedas compartidas del gestor de contraseñas, cuentas de administración de las aplicaciones, org-admins en Hearth.\n2. **Compárelas con las personas** que hacen el trabajo hoy. Quite todo lo que nadie sepa explicar.\n3. **Cuando alguien se va**, retire su acceso el mismo día y cambie cualquier secreto que conociera (contraseñas compartidas, tokens de API, la contraseña del repositorio de copias si la tenía).\n4. **Anote la fecha** de la revisión y lo que se quitó; ponga la siguiente en el calendario.',
        pt: '1. **Reúna as listas** de todos os lugares onde há acessos: grupos sudo e `authorized_keys` em cada servidor (abaixo), usuários do painel de hospedagem, do registrador e do provedor de DNS, cofres compartilhados do gerenciador de senhas, contas de administração das aplicações, org-admins no Hearth.\n2. **Compare com as pessoas** que fazem o trabalho hoje. Retire tudo o que ninguém souber explicar.\n3. **Quando alguém sai**, retire o acesso no mesmo dia e troque qualquer segredo que a pessoa conhecia (senhas compartilhadas, tokens de API, a senha do repositório de backup, se ela tinha).\n4. **Anote a data** da revisão e o que foi retirado; coloque a próxima no calendário.',
        fr: '1. **Rassemblez les listes** de tous les endroits où vivent des accès : groupes sudo et `authorized_keys` sur chaque serveur (ci-dessous), utilisateurs du panneau d’hébergement, du bureau d’enregistrement et du fournisseur DNS, coffres partagés du gestionnaire de mots de passe, comptes d’administration des applications, org-admins dans Hearth.\n2. **Comparez avec les personnes** qui font le travail aujourd’hui. Retirez tout ce que personne ne sait expliquer.\n3. **Quand quelqu’un part**, retirez ses accès le jour même et changez tout secret qu’il connaissait (mots de passe partagés, jetons d’API, le mot de passe du dépôt de sauvegarde s’il l’avait).\n4. **Notez la date** de la revue et ce qui a été retiré ; inscrivez la suivante au calendrier.',
      }),
      code('sh', `
getent group sudo
for home in /root /home/*; do
  [ -f "$home/.ssh/authorized_keys" ] && { echo "== $home"; cut -d' ' -f3- "$home/.ssh/authorized_keys"; }
done
`),
    ],
    references: [ref('CIS Control 6: Access Control Management', 'https://www.cisecurity.org/controls/access-control-management')],
  },
  {
    id: 'log-minimisation',
    area: 'security',
    weight: 2,
    checks: [],
    title: {
      en: 'Log minimisation and retention',
      es: 'Minimización y conservación de registros',
      pt: 'Minimização e retenção de registros',
      fr: 'Minimisation et conservation des journaux',
    },
    why: {
      en: 'Logs that do not exist cannot be handed over, stolen or subpoenaed. For the people you serve, an access log with IP addresses is a list of who read what, and when. Keep what you need to run the service, for as short a time as you can.',
      es: 'Los registros que no existen no pueden entregarse, robarse ni requerirse judicialmente. Para las personas a las que sirve, un registro de accesos con direcciones IP es una lista de quién leyó qué y cuándo. Guarde lo que necesita para operar el servicio, durante el menor tiempo posible.',
      pt: 'Registros que não existem não podem ser entregues, roubados nem requisitados judicialmente. Para as pessoas que você atende, um registro de acessos com endereços IP é uma lista de quem leu o quê, e quando. Guarde o que precisa para operar o serviço, pelo menor tempo possível.',
      fr: 'Des journaux qui n’existent pas ne peuvent être ni remis, ni volés, ni réquisitionnés. Pour les personnes que vous servez, un journal d’accès avec les adresses IP est la liste de qui a lu quoi, et quand. Gardez ce qu’il faut pour faire tourner le service, le moins longtemps possible.',
    },
    question: {
      en: 'Do you keep only the logs you need, without full IP addresses where they are not needed, and delete them after a stated period (for example seven days)?',
      es: '¿Guardan solo los registros que necesitan, sin direcciones IP completas donde no hacen falta, y los borran tras un plazo declarado (por ejemplo, siete días)?',
      pt: 'Vocês guardam só os registros de que precisam, sem endereços IP completos onde não são necessários, e os apagam depois de um prazo declarado (por exemplo, sete dias)?',
      fr: 'Ne gardez-vous que les journaux nécessaires, sans adresses IP complètes là où elles ne servent pas, et les supprimez-vous après un délai annoncé (par exemple sept jours) ?',
    },
    guide: [
      sw('nginx'),
      p({
        en: 'Log the network part of the address only (the last byte of IPv4, everything after the first 32 bits of IPv6 dropped):',
        es: 'Registre solo la parte de red de la dirección (sin el último byte en IPv4, y sin lo que sigue a los primeros 32 bits en IPv6):',
        pt: 'Registre apenas a parte de rede do endereço (sem o último byte no IPv4, e sem o que vem depois dos primeiros 32 bits no IPv6):',
        fr: 'Ne journalisez que la partie réseau de l’adresse (sans le dernier octet en IPv4, et sans ce qui suit les 32 premiers bits en IPv6) :',
      }),
      code('nginx', `
# in http { }
map $remote_addr $remote_addr_anon {
    ~(?P<ip>\\d+\\.\\d+\\.\\d+)\\.    $ip.0;
    ~(?P<ip>[^:]+:[^:]+):       $ip::;
    default                     0.0.0.0;
}
log_format anon '$remote_addr_anon [$time_local] "$request" $status $body_bytes_sent';
access_log /var/log/nginx/access.log anon;
`),
      sw('Apache'),
      code('apache', `
# a format without %h (the client address)
LogFormat "%t \\"%r\\" %>s %b" noaddress
CustomLog \${APACHE_LOG_DIR}/access.log noaddress
`),
      sw('Retention (logrotate and journald)'),
      code('text', `
# /etc/logrotate.d/nginx (and the same for rsyslog's mail.log)
/var/log/nginx/*.log {
    daily
    rotate 7
    compress
    missingok
    notifempty
}
# /etc/systemd/journald.conf
[Journal]
MaxRetentionSec=7day
`),
      p({
        en: 'Mail logs (Postfix, Dovecot) need addresses to fight abuse; keep them, but for days, not months. Write the retention period in your privacy policy and keep to it. Remember the copies: backups of `/var/log` live as long as the backups do.',
        es: 'Los registros de correo (Postfix, Dovecot) necesitan direcciones para combatir abusos; consérvelos, pero días, no meses. Escriba el plazo de conservación en su política de privacidad y cúmplalo. Recuerde las copias: las copias de seguridad de `/var/log` viven tanto como las copias.',
        pt: 'Os registros de e-mail (Postfix, Dovecot) precisam de endereços para combater abusos; guarde-os, mas por dias, não meses. Escreva o prazo de retenção na sua política de privacidade e cumpra-o. Lembre-se das cópias: backups de `/var/log` vivem tanto quanto os backups.',
        fr: 'Les journaux de messagerie (Postfix, Dovecot) ont besoin des adresses pour lutter contre les abus ; gardez-les, mais des jours, pas des mois. Écrivez la durée de conservation dans votre politique de confidentialité et tenez-la. Pensez aux copies : les sauvegardes de `/var/log` vivent aussi longtemps que les sauvegardes.',
      }),
    ],
    references: [
      ref('nginx: ngx_http_log_module', 'https://nginx.org/en/docs/http/ngx_http_log_module.html'),
      ref('GDPR Article 5: data minimisation and storage limitation', 'https://eur-lex.europa.eu/eli/reg/2016/679/oj'),
    ],
  },
  {
    id: 'legal-requests',
    area: 'security',
    weight: 2,
    checks: [],
    title: {
      en: 'A procedure for legal requests from authorities',
      es: 'Un procedimiento para requerimientos de las autoridades',
      pt: 'Um procedimento para requisições de autoridades',
      fr: 'Une procédure pour les réquisitions des autorités',
    },
    why: {
      en: 'Requests from police or courts arrive without warning, often with pressure to act at once. A procedure decided in calm — who answers, which lawyer to call, what you never hand over, when you tell the user — protects your users and the person on duty.',
      es: 'Los requerimientos de la policía o de los tribunales llegan sin aviso, a menudo con presión para actuar de inmediato. Un procedimiento decidido con calma —quién responde, a qué abogada llamar, qué no se entrega nunca, cuándo se avisa a la persona usuaria— protege a sus usuarios y a quien esté de guardia.',
      pt: 'Requisições da polícia ou da justiça chegam sem aviso, muitas vezes com pressão para agir na hora. Um procedimento decidido com calma — quem responde, qual advogada chamar, o que nunca se entrega, quando avisar a pessoa usuária — protege quem usa seus serviços e quem está de plantão.',
      fr: 'Les réquisitions de la police ou de la justice arrivent sans prévenir, souvent avec une pression pour agir tout de suite. Une procédure décidée à froid — qui répond, quel avocat appeler, ce que vous ne remettez jamais, quand vous prévenez l’usager — protège vos usagers et la personne de permanence.',
    },
    question: {
      en: 'Do you have a written procedure for requests from police, courts or other authorities: who receives them, who checks them legally, what can be handed over, when the user is told, and whether you publish a transparency report?',
      es: '¿Tienen un procedimiento escrito para los requerimientos de la policía, los tribunales u otras autoridades: quién los recibe, quién los revisa jurídicamente, qué se puede entregar, cuándo se avisa a la persona usuaria y si publican un informe de transparencia?',
      pt: 'Vocês têm um procedimento escrito para requisições da polícia, da justiça ou de outras autoridades: quem as recebe, quem as analisa juridicamente, o que pode ser entregue, quando a pessoa usuária é avisada e se publicam um relatório de transparência?',
      fr: 'Avez-vous une procédure écrite pour les réquisitions de la police, de la justice ou d’autres autorités : qui les reçoit, qui les examine juridiquement, ce qui peut être remis, quand l’usager est prévenu, et si vous publiez un rapport de transparence ?',
    },
    guide: [
      p({
        en: '1. **One contact point** for authorities (an address read by at least two people), named on your website.\n2. **Legal help arranged in advance**: a lawyer or a digital-rights organisation that knows your jurisdiction, with their number in the runbook.\n3. **Check every request**: legal basis, issuing authority and jurisdiction, who signed it, exactly what it asks for. Refuse informal requests (“a quick phone call from an officer”) and ask for them in writing.\n4. **Hand over only what the order names and you actually hold** — minimised logs (see “Log minimisation and retention”) and encrypted storage limit what exists.\n5. **Tell the affected person** unless the law forbids it; if a gag order applies, note when it ends and tell them then.\n6. **Keep a record** of every request and your answer, and publish a yearly transparency report (numbers at least). Some collectives also keep a warrant canary.\n7. **Plan for a seizure**: what happens if servers are taken — encrypted disks, off-site backups in another jurisdiction, a way to tell users.',
        es: '1. **Un único punto de contacto** para las autoridades (una dirección que lean al menos dos personas), indicado en su web.\n2. **Asesoría jurídica acordada de antemano**: una abogada u organización de derechos digitales que conozca su jurisdicción, con su número en el manual de procedimientos.\n3. **Revise cada requerimiento**: base legal, autoridad emisora y jurisdicción, quién lo firma, qué pide exactamente. Rechace las peticiones informales («una llamada rápida de un agente») y pídalas por escrito.\n4. **Entregue solo lo que la orden nombra y usted realmente tiene**: los registros minimizados (vea «Minimización y conservación de registros») y el almacenamiento cifrado limitan lo que existe.\n5. **Avise a la persona afectada** salvo que la ley lo prohíba; si hay una orden de silencio, anote cuándo termina y avísele entonces.\n6. **Registre** cada requerimiento y su respuesta, y publique un informe de transparencia anual (al menos cifras). Algunos colectivos mantienen también un «canario».\n7. **Prepárese para una incautación**: qué pasa si se llevan los servidores: discos cifrados, copias fuera del sitio en otra jurisdicción, una forma de avisar a los usuarios.',
        pt: '1. **Um único ponto de contato** para autoridades (um endereço lido por pelo menos duas pessoas), indicado no seu site.\n2. **Apoio jurídico combinado com antecedência**: uma advogada ou organização de direitos digitais que conheça sua jurisdição, com o telefone no manual de procedimentos.\n3. **Analise cada requisição**: base legal, autoridade emissora e jurisdição, quem assinou, o que exatamente pede. Recuse pedidos informais (“uma ligação rápida de um agente”) e peça-os por escrito.\n4. **Entregue só o que a ordem nomeia e o que você realmente tem** — registros minimizados (veja “Minimização e retenção de registros”) e armazenamento criptografado limitam o que existe.\n5. **Avise a pessoa afetada**, a menos que a lei proíba; se houver ordem de sigilo, anote quando termina e avise então.\n6. **Registre** cada requisição e sua resposta, e publique um relatório de transparência anual (pelo menos números). Alguns coletivos também mantêm um “canário”.\n7. **Planeje para uma apreensão**: o que acontece se os servidores forem levados — discos criptografados, backups fora do local em outra jurisdição, um meio de avisar os usuários.',
        fr: '1. **Un seul point de contact** pour les autorités (une adresse lue par au moins deux personnes), indiqué sur votre site.\n2. **Une aide juridique prévue à l’avance** : un avocat ou une association de défense des droits numériques qui connaît votre juridiction, avec son numéro dans les procédures.\n3. **Examinez chaque réquisition** : base légale, autorité et juridiction, signataire, ce qui est exactement demandé. Refusez les demandes informelles (« un petit appel d’un agent ») et exigez-les par écrit.\n4. **Ne remettez que ce que l’ordre nomme et que vous détenez réellement** — des journaux minimisés (voir « Minimisation et conservation des journaux ») et un stockage chiffré limitent ce qui existe.\n5. **Prévenez la personne concernée** sauf si la loi l’interdit ; en cas d’obligation de silence, notez quand elle prend fin et prévenez-la alors.\n6. **Consignez** chaque réquisition et votre réponse, et publiez un rapport de transparence annuel (au moins des chiffres). Certains collectifs tiennent aussi un « canari ».\n7. **Préparez-vous à une saisie** : que se passe-t-il si les serveurs sont emportés — disques chiffrés, sauvegardes hors site dans une autre juridiction, un moyen de prévenir les usagers.',
      }),
    ],
    references: [
      ref('EFF: Who Has Your Back? (transparency practices)', 'https://www.eff.org/who-has-your-back-2017'),
      ref('Access Now: Transparency Reporting Index', 'https://www.accessnow.org/campaign/transparency-reporting-index/'),
    ],
  },
  {
    id: 'incident-response',
    area: 'security',
    weight: 3,
    checks: [],
    title: {
      en: 'An incident-response plan',
      es: 'Un plan de respuesta a incidentes',
      pt: 'Um plano de resposta a incidentes',
      fr: 'Un plan de réponse aux incidents',
    },
    why: {
      en: 'During a break-in people act fast and under stress; without a plan they destroy evidence, forget to tell the people affected, or miss legal deadlines. A short written plan, walked through once a year, makes the first hour calm.',
      es: 'Durante una intrusión se actúa rápido y bajo tensión; sin un plan se destruyen pruebas, se olvida avisar a las personas afectadas o se incumplen plazos legales. Un plan breve por escrito, repasado una vez al año, da calma a la primera hora.',
      pt: 'Durante uma invasão, as pessoas agem rápido e sob tensão; sem um plano, destroem evidências, esquecem de avisar as pessoas afetadas ou perdem prazos legais. Um plano curto por escrito, repassado uma vez por ano, traz calma à primeira hora.',
      fr: 'Pendant une intrusion, on agit vite et sous tension ; sans plan, on détruit des preuves, on oublie de prévenir les personnes concernées ou on manque des délais légaux. Un court plan écrit, répété une fois par an, rend la première heure sereine.',
    },
    question: {
      en: 'Do you have a written incident-response plan (who leads, how to contain, how evidence is kept, whom to tell — users, the federation, the data-protection authority — and by when), and has the team walked through it in the last year?',
      es: '¿Tienen un plan escrito de respuesta a incidentes (quién dirige, cómo contener, cómo se conservan las pruebas, a quién avisar —usuarios, la federación, la autoridad de protección de datos— y en qué plazo), y lo ha repasado el equipo en el último año?',
      pt: 'Vocês têm um plano escrito de resposta a incidentes (quem coordena, como conter, como as evidências são guardadas, quem avisar — usuários, a federação, a autoridade de proteção de dados — e em que prazo), e a equipe o repassou no último ano?',
      fr: 'Avez-vous un plan écrit de réponse aux incidents (qui pilote, comment contenir, comment conserver les preuves, qui prévenir — usagers, fédération, autorité de protection des données — et dans quel délai), et l’équipe l’a-t-elle répété dans l’année ?',
    },
    guide: [
      p({
        en: 'A plan fits on two pages. Include:\n\n1. **Roles**: who leads the response, who talks to users, who keeps notes (with times).\n2. **First hour**: isolate rather than switch off; save what disappears at reboot (running processes, network connections, logs) before changing anything.\n3. **Contacts**: hosting provider, registrar, the federation’s security contact, your lawyer, the data-protection authority. Under the GDPR a personal-data breach must be reported to the authority within 72 hours.\n4. **Telling users**: short templates in your users’ languages, prepared in advance.\n5. **Recovery**: rebuild from configuration management and clean backups rather than “cleaning” a compromised machine; change every credential the machine knew.\n6. **Afterwards**: a blameless review within two weeks, and what you learned shared with the federation.\n\nOnce a year, walk through a scenario around a table (“the webmail admin password leaked”) and fix the plan where it failed.',
        es: 'Un plan cabe en dos páginas. Incluya:\n\n1. **Papeles**: quién dirige la respuesta, quién habla con los usuarios, quién toma notas (con horas).\n2. **Primera hora**: aislar mejor que apagar; guardar lo que desaparece al reiniciar (procesos, conexiones de red, registros) antes de cambiar nada.\n3. **Contactos**: proveedor de alojamiento, registrador, contacto de seguridad de la federación, su abogada, la autoridad de protección de datos. Según el RGPD, una violación de datos personales debe notificarse a la autoridad en 72 horas.\n4. **Avisar a los usuarios**: plantillas breves en los idiomas de sus usuarios, preparadas de antemano.\n5. **Recuperación**: reconstruir a partir de la gestión de configuración y de copias limpias, en vez de «limpiar» una máquina comprometida; cambiar todas las credenciales que la máquina conocía.\n6. **Después**: una revisión sin culpables en dos semanas, y lo aprendido compartido con la federación.\n\nUna vez al año, recorran un escenario alrededor de una mesa («se filtró la contraseña de administración del correo web») y corrijan el plan donde falló.',
        pt: 'Um plano cabe em duas páginas. Inclua:\n\n1. **Papéis**: quem coordena a resposta, quem fala com os usuários, quem faz anotações (com horários).\n2. **Primeira hora**: isolar em vez de desligar; salvar o que some na reinicialização (processos, conexões de rede, registros) antes de mudar qualquer coisa.\n3. **Contatos**: provedor de hospedagem, registrador, contato de segurança da federação, sua advogada, a autoridade de proteção de dados. Pelo RGPD (e pela LGPD no Brasil), um incidente com dados pessoais deve ser comunicado à autoridade em prazo curto — 72 horas na Europa.\n4. **Avisar os usuários**: modelos curtos nos idiomas de quem usa seus serviços, preparados com antecedência.\n5. **Recuperação**: reconstruir a partir da gestão de configuração e de backups limpos, em vez de “limpar” uma máquina comprometida; trocar todas as credenciais que a máquina conhecia.\n6. **Depois**: uma revisão sem culpados em até duas semanas, e o aprendizado compartilhado com a federação.\n\nUma vez por ano, percorram um cenário em volta de uma mesa (“vazou a senha de administração do webmail”) e corrijam o plano onde ele falhou.',
        fr: 'Un plan tient en deux pages. Prévoyez :\n\n1. **Les rôles** : qui pilote la réponse, qui parle aux usagers, qui prend des notes (avec les heures).\n2. **La première heure** : isoler plutôt qu’éteindre ; sauvegarder ce qui disparaît au redémarrage (processus, connexions réseau, journaux) avant de changer quoi que ce soit.\n3. **Les contacts** : hébergeur, bureau d’enregistrement, contact sécurité de la fédération, votre avocat, l’autorité de protection des données. Selon le RGPD, une violation de données personnelles doit être notifiée à l’autorité sous 72 heures.\n4. **Prévenir les usagers** : de courts modèles dans les langues de vos usagers, préparés à l’avance.\n5. **La remise en état** : reconstruire à partir de la gestion de configuration et de sauvegardes saines plutôt que « nettoyer » une machine compromise ; changer tous les secrets que la machine connaissait.\n6. **Ensuite** : une revue sans recherche de coupable sous deux semaines, et ce que vous avez appris partagé avec la fédération.\n\nUne fois par an, jouez un scénario autour d’une table (« le mot de passe d’administration du webmail a fuité ») et corrigez le plan là où il a failli.',
      }),
    ],
    references: [
      ref('NIST SP 800-61: Incident Handling Guide', 'https://csrc.nist.gov/pubs/sp/800/61/r3/final'),
      ref('GDPR Article 33: notification of a personal data breach', 'https://eur-lex.europa.eu/eli/reg/2016/679/oj'),
    ],
  },
];
