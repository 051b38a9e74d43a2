// Area "scalability": staying reachable and usable as the number of people,
// the load and the hostility grow.
import { code, p, ref, sw, type PracticeDef } from './types.js';

export const scalability: PracticeDef[] = [
  {
    id: 'ipv6',
    area: 'scalability',
    weight: 2,
    checks: ['V6-01', 'V6-02', 'V6-03', 'DNS-05'],
    title: {
      en: 'Services reachable over IPv6',
      es: 'Servicios accesibles por IPv6',
      pt: 'Serviços acessíveis por IPv6',
      fr: 'Des services joignables en IPv6',
    },
    why: {
      en: 'More and more people, above all on mobile networks, reach the internet over IPv6 first. Services that answer only over IPv4 depend on translation gateways run by others, and get harder to reach as IPv4 addresses become scarcer and more expensive.',
      es: 'Cada vez más personas, sobre todo en redes móviles, llegan a internet primero por IPv6. Los servicios que solo responden por IPv4 dependen de pasarelas de traducción gestionadas por otros, y cuesta más alcanzarlos a medida que las direcciones IPv4 escasean y se encarecen.',
      pt: 'Cada vez mais pessoas, sobretudo em redes móveis, chegam à internet primeiro por IPv6. Serviços que só respondem por IPv4 dependem de gateways de tradução operados por outros, e ficam mais difíceis de alcançar à medida que os endereços IPv4 ficam mais escassos e caros.',
      fr: 'De plus en plus de personnes, surtout sur les réseaux mobiles, accèdent à internet d’abord en IPv6. Les services qui ne répondent qu’en IPv4 dépendent de passerelles de traduction gérées par d’autres, et deviennent plus difficiles à joindre à mesure que les adresses IPv4 se raréfient et renchérissent.',
    },
    guide: [
      p({
        en: 'Give every public host an IPv6 address, make each service listen on it, publish AAAA records (for the web, the MX hosts and at least two name servers, with glue at the registrar for name servers inside your own zone), and mirror your IPv4 firewall rules — the `inet` family of nftables covers both.',
        es: 'Dé una dirección IPv6 a cada host público, haga que cada servicio escuche en ella, publique registros AAAA (para la web, los hosts MX y al menos dos servidores de nombres, con registros de pegamento en el registrador para los servidores de nombres dentro de su propia zona) y replique sus reglas de cortafuegos IPv4; la familia `inet` de nftables cubre ambas.',
        pt: 'Dê um endereço IPv6 a cada host público, faça cada serviço escutar nele, publique registros AAAA (para a web, os hosts MX e pelo menos dois servidores de nomes, com registros de cola no registrador para servidores de nomes dentro da sua própria zona) e replique suas regras de firewall IPv4 — a família `inet` do nftables cobre as duas.',
        fr: 'Donnez une adresse IPv6 à chaque hôte public, faites écouter chaque service dessus, publiez des enregistrements AAAA (pour le web, les hôtes MX et au moins deux serveurs de noms, avec les enregistrements de colle chez le bureau d’enregistrement pour les serveurs de noms situés dans votre propre zone), et reproduisez vos règles de pare-feu IPv4 — la famille `inet` de nftables couvre les deux.',
      }),
      sw('nginx'),
      code('nginx', `
listen 443 ssl;
listen [::]:443 ssl;
`),
      sw('Apache'),
      p({
        en: '`Listen 443` without an address already listens on IPv4 and IPv6; use `<VirtualHost *:443>` rather than a fixed IPv4 address.',
        es: '`Listen 443` sin dirección ya escucha en IPv4 e IPv6; use `<VirtualHost *:443>` en vez de una dirección IPv4 fija.',
        pt: '`Listen 443` sem endereço já escuta em IPv4 e IPv6; use `<VirtualHost *:443>` em vez de um endereço IPv4 fixo.',
        fr: '`Listen 443` sans adresse écoute déjà en IPv4 et en IPv6 ; utilisez `<VirtualHost *:443>` plutôt qu’une adresse IPv4 fixe.',
      }),
      sw('Postfix and Dovecot'),
      code('ini', `
# /etc/postfix/main.cf
inet_protocols = all
# /etc/dovecot/dovecot.conf
listen = *, ::
`),
      sw('Prosody'),
      code('lua', `
interfaces = { "*", "::" }
`),
      sw('Knot DNS / BIND / PowerDNS'),
      code('text', `
# knot.conf
server:
    listen: [ 0.0.0.0@53, ::@53 ]
// named.conf
options { listen-on-v6 { any; }; };
# pdns.conf (PowerDNS 4.5 or later)
local-address=0.0.0.0, ::
`),
      code('dns', `
www.example.org.   3600 IN AAAA 2001:db8::80
mail.example.org.  3600 IN AAAA 2001:db8::25
ns1.example.org.   3600 IN AAAA 2001:db8::53
`),
      code('sh', `
curl -6 -sI https://example.org/ | head -1
openssl s_client -connect '[2001:db8::25]:25' -starttls smtp </dev/null
dig -6 @ns1.example.org example.org SOA +short
`),
    ],
    references: [
      ref('RFC 4291: IP Version 6 Addressing Architecture', 'https://www.rfc-editor.org/rfc/rfc4291'),
      ref('RIPE-772: Requirements for IPv6 in ICT Equipment', 'https://www.ripe.net/publications/docs/ripe-772/'),
    ],
  },
  {
    id: 'capacity-planning',
    area: 'scalability',
    weight: 2,
    checks: [],
    title: {
      en: 'Capacity planning',
      es: 'Planificación de la capacidad',
      pt: 'Planejamento de capacidade',
      fr: 'La planification de la capacité',
    },
    why: {
      en: 'Full disks stop mail delivery and corrupt databases; a server at its limit fails exactly when many people need it — during a protest, a crisis, a news event. Planning ahead also keeps costs predictable for a collective’s budget.',
      es: 'Los discos llenos detienen la entrega de correo y corrompen bases de datos; un servidor al límite falla justo cuando mucha gente lo necesita: durante una protesta, una crisis, una noticia. Planificar con tiempo también hace previsibles los costes para el presupuesto de un colectivo.',
      pt: 'Discos cheios param a entrega de e-mail e corrompem bancos de dados; um servidor no limite falha justamente quando muita gente precisa dele — durante um protesto, uma crise, um acontecimento. Planejar com antecedência também torna os custos previsíveis para o orçamento de um coletivo.',
      fr: 'Des disques pleins arrêtent la livraison du courrier et corrompent les bases de données ; un serveur à sa limite tombe précisément quand beaucoup de gens en ont besoin — pendant une manifestation, une crise, une actualité. Anticiper rend aussi les coûts prévisibles pour le budget d’un collectif.',
    },
    question: {
      en: 'Do you track resource use over time (disk, memory, CPU, bandwidth, mail storage per user) and decide upgrades before you run out, against a headroom target you have written down?',
      es: '¿Siguen en el tiempo el uso de recursos (disco, memoria, CPU, ancho de banda, almacenamiento de correo por usuario) y deciden las ampliaciones antes de quedarse sin ellos, frente a un margen que tienen por escrito?',
      pt: 'Vocês acompanham ao longo do tempo o uso de recursos (disco, memória, CPU, banda, armazenamento de e-mail por usuário) e decidem as ampliações antes que acabem, com base numa folga que registraram por escrito?',
      fr: 'Suivez-vous dans le temps l’usage des ressources (disque, mémoire, processeur, bande passante, stockage de courrier par usager) et décidez-vous des évolutions avant d’en manquer, au regard d’une marge que vous avez écrite ?',
    },
    guide: [
      p({
        en: '1. **Collect** resource figures continuously: Prometheus with node_exporter, Munin, or at least `sysstat` (`sar`).\n2. **Write a headroom target**, for example “disks below 70 %, memory below 80 % at the daily peak”, and alert well before the hard limits (80 % disk).\n3. **Look at the trend monthly**: at this rate, when is the disk full? With Prometheus the question is one expression (below).\n4. **Cap what one user can take**, so one mailbox cannot fill the disk for everyone: mail quotas in Dovecot and a message size limit in Postfix.',
        es: '1. **Recoja** cifras de recursos de forma continua: Prometheus con node_exporter, Munin, o al menos `sysstat` (`sar`).\n2. **Escriba un margen objetivo**, por ejemplo «discos por debajo del 70 %, memoria por debajo del 80 % en el pico diario», y avise mucho antes de los límites duros (disco al 80 %).\n3. **Mire la tendencia cada mes**: a este ritmo, ¿cuándo se llena el disco? Con Prometheus la pregunta es una expresión (abajo).\n4. **Limite lo que puede ocupar un usuario**, para que un buzón no llene el disco de todos: cuotas de correo en Dovecot y un tamaño máximo de mensaje en Postfix.',
        pt: '1. **Colete** números de recursos continuamente: Prometheus com node_exporter, Munin ou pelo menos `sysstat` (`sar`).\n2. **Escreva uma folga-alvo**, por exemplo “discos abaixo de 70 %, memória abaixo de 80 % no pico diário”, e alerte bem antes dos limites rígidos (disco em 80 %).\n3. **Olhe a tendência todo mês**: nesse ritmo, quando o disco enche? Com o Prometheus a pergunta é uma expressão (abaixo).\n4. **Limite o que um usuário pode ocupar**, para que uma caixa de correio não encha o disco de todos: cotas de e-mail no Dovecot e um tamanho máximo de mensagem no Postfix.',
        fr: '1. **Collectez** en continu les chiffres des ressources : Prometheus avec node_exporter, Munin, ou au moins `sysstat` (`sar`).\n2. **Écrivez une marge cible**, par exemple « disques sous 70 %, mémoire sous 80 % au pic quotidien », et alertez bien avant les limites dures (disque à 80 %).\n3. **Regardez la tendance chaque mois** : à ce rythme, quand le disque sera-t-il plein ? Avec Prometheus, la question tient en une expression (ci-dessous).\n4. **Plafonnez ce qu’un usager peut prendre**, pour qu’une boîte aux lettres ne remplisse pas le disque de tout le monde : quotas de courrier dans Dovecot et taille maximale des messages dans Postfix.',
      }),
      sw('Prometheus'),
      code('yaml', `
# alert when the root file system will be full within 30 days at the rate of the last week
- alert: DiskFullIn30Days
  expr: predict_linear(node_filesystem_avail_bytes{mountpoint="/"}[7d], 30 * 24 * 3600) < 0
  for: 6h
`),
      sw('Dovecot and Postfix'),
      code('ini', `
# /etc/dovecot/conf.d/90-quota.conf (Dovecot 2.3)
mail_plugins = $mail_plugins quota
plugin {
  quota = maildir:User quota
  quota_rule = *:storage=5G
}
# /etc/postfix/main.cf
message_size_limit = 52428800
`),
    ],
    references: [
      ref('Prometheus: predict_linear()', 'https://prometheus.io/docs/prometheus/latest/querying/functions/#predict_linear'),
      ref('Google SRE Book: Software Engineering in SRE (capacity planning)', 'https://sre.google/sre-book/software-engineering-in-sre/'),
    ],
  },
  {
    id: 'ddos-plan',
    area: 'scalability',
    weight: 2,
    checks: [],
    title: {
      en: 'A plan for denial-of-service attacks',
      es: 'Un plan ante ataques de denegación de servicio',
      pt: 'Um plano para ataques de negação de serviço',
      fr: 'Un plan face aux attaques par déni de service',
    },
    why: {
      en: 'Collectives that host social movements are targets, and attacks come exactly when a campaign matters. A plan made in advance — and an upstream provider that will help rather than cut you off — decides whether you are down for hours or for days.',
      es: 'Los colectivos que alojan a movimientos sociales son objetivos, y los ataques llegan justo cuando una campaña importa. Un plan hecho de antemano —y un proveedor de tránsito que ayude en vez de cortarle— decide si la caída dura horas o días.',
      pt: 'Coletivos que hospedam movimentos sociais são alvos, e os ataques chegam justamente quando uma campanha importa. Um plano feito com antecedência — e um provedor de trânsito que ajude em vez de cortar você — decide se a queda dura horas ou dias.',
      fr: 'Les collectifs qui hébergent des mouvements sociaux sont des cibles, et les attaques arrivent précisément quand une campagne compte. Un plan préparé à l’avance — et un fournisseur amont qui aide au lieu de vous couper — décide si la panne dure des heures ou des jours.',
    },
    question: {
      en: 'Do you have a plan for denial-of-service attacks: whom to call at your hosting provider or upstream, what can be filtered or moved, which services to protect first, and how you keep users informed?',
      es: '¿Tienen un plan ante ataques de denegación de servicio: a quién llamar en su proveedor de alojamiento o de tránsito, qué se puede filtrar o mover, qué servicios proteger primero y cómo mantener informados a los usuarios?',
      pt: 'Vocês têm um plano para ataques de negação de serviço: quem chamar no provedor de hospedagem ou de trânsito, o que pode ser filtrado ou movido, quais serviços proteger primeiro e como manter os usuários informados?',
      fr: 'Avez-vous un plan face aux attaques par déni de service : qui appeler chez votre hébergeur ou fournisseur amont, ce qui peut être filtré ou déplacé, quels services protéger d’abord, et comment tenir les usagers informés ?',
    },
    guide: [
      p({
        en: '1. **Ask your provider now**, not during an attack: do they filter attacks, or do they null-route your address? Who do you call, and how?\n2. **Know your priorities**: mail reception and DNS usually matter more than the website. Name servers in other networks (see “Name servers in more than one network”) keep your names resolving while one network is flooded.\n3. **Prepare the fallbacks**: a static copy of the website that can be served from elsewhere; low TTLs (300 s) on the records you may need to move.\n4. **Consider protection services for civil society** such as Deflect. Any such service sees your visitors’ traffic: decide in advance whether that is acceptable for your users.\n5. **Harden what you run** against small floods: connection and request limits (see “Rate limits on public services”); SYN cookies are on by default in Linux (`net.ipv4.tcp_syncookies = 1`).\n6. **Tell users** through a channel that is not under attack (see “Users told about outages”).',
        es: '1. **Pregunte a su proveedor ahora**, no durante un ataque: ¿filtra ataques o anula el enrutamiento de su dirección? ¿A quién llama y cómo?\n2. **Conozca sus prioridades**: la recepción de correo y el DNS suelen importar más que la web. Los servidores de nombres en otras redes (vea «Servidores de nombres en más de una red») mantienen sus nombres resolviendo mientras una red está inundada.\n3. **Prepare alternativas**: una copia estática de la web que pueda servirse desde otro lugar; TTL bajos (300 s) en los registros que quizá deba mover.\n4. **Valore servicios de protección para la sociedad civil**, como Deflect. Cualquier servicio así ve el tráfico de sus visitantes: decida de antemano si eso es aceptable para sus usuarios.\n5. **Refuerce lo que opera** frente a inundaciones pequeñas: límites de conexiones y peticiones (vea «Límites de uso en los servicios públicos»); las SYN cookies están activadas por omisión en Linux (`net.ipv4.tcp_syncookies = 1`).\n6. **Avise a los usuarios** por un canal que no esté bajo ataque (vea «Usuarios informados de las caídas»).',
        pt: '1. **Pergunte ao seu provedor agora**, não durante um ataque: ele filtra ataques ou anula a rota do seu endereço? Quem você chama, e como?\n2. **Conheça suas prioridades**: a recepção de e-mail e o DNS costumam importar mais que o site. Servidores de nomes em outras redes (veja “Servidores de nomes em mais de uma rede”) mantêm seus nomes resolvendo enquanto uma rede está inundada.\n3. **Prepare alternativas**: uma cópia estática do site que possa ser servida de outro lugar; TTL baixos (300 s) nos registros que talvez precise mover.\n4. **Considere serviços de proteção para a sociedade civil**, como o Deflect. Qualquer serviço assim vê o tráfego dos seus visitantes: decida antes se isso é aceitável para quem usa seus serviços.\n5. **Reforce o que você opera** contra inundações pequenas: limites de conexões e de pedidos (veja “Limites de uso nos serviços públicos”); os SYN cookies vêm ativados por padrão no Linux (`net.ipv4.tcp_syncookies = 1`).\n6. **Avise os usuários** por um canal que não esteja sob ataque (veja “Usuários informados sobre quedas”).',
        fr: '1. **Interrogez votre fournisseur maintenant**, pas pendant une attaque : filtre-t-il les attaques, ou met-il votre adresse dans un trou noir ? Qui appelez-vous, et comment ?\n2. **Connaissez vos priorités** : la réception du courrier et le DNS comptent souvent plus que le site web. Des serveurs de noms dans d’autres réseaux (voir « Des serveurs de noms dans plus d’un réseau ») gardent vos noms résolus pendant qu’un réseau est inondé.\n3. **Préparez des solutions de repli** : une copie statique du site qui peut être servie ailleurs ; des TTL courts (300 s) sur les enregistrements que vous pourriez devoir déplacer.\n4. **Envisagez des services de protection pour la société civile**, comme Deflect. Tout service de ce genre voit le trafic de vos visiteurs : décidez à l’avance si c’est acceptable pour vos usagers.\n5. **Renforcez ce que vous faites tourner** contre les petites inondations : limites de connexions et de requêtes (voir « Des limites d’usage sur les services publics ») ; les SYN cookies sont actifs par défaut sous Linux (`net.ipv4.tcp_syncookies = 1`).\n6. **Informez les usagers** par un canal qui n’est pas attaqué (voir « Des usagers informés des pannes »).',
      }),
    ],
    references: [
      ref('Deflect: website protection for civil society', 'https://deflect.ca/'),
      ref('RFC 4987: TCP SYN Flooding Attacks and Common Mitigations', 'https://www.rfc-editor.org/rfc/rfc4987'),
    ],
  },
  {
    id: 'rate-limits',
    area: 'scalability',
    weight: 1,
    checks: [],
    title: {
      en: 'Rate limits on public services',
      es: 'Límites de uso en los servicios públicos',
      pt: 'Limites de uso nos serviços públicos',
      fr: 'Des limites d’usage sur les services publics',
    },
    why: {
      en: 'One misbehaving client — a password-guessing script, a spammer with a stolen account, a broken bot — should not be able to exhaust a service for everyone. Limits per client keep the service usable and make abuse slow and visible.',
      es: 'Un solo cliente que se porta mal —un script que adivina contraseñas, alguien que envía spam con una cuenta robada, un bot averiado— no debería poder agotar un servicio para todos. Los límites por cliente mantienen el servicio usable y hacen el abuso lento y visible.',
      pt: 'Um único cliente que se comporta mal — um script que adivinha senhas, alguém mandando spam com uma conta roubada, um robô quebrado — não deveria conseguir esgotar um serviço para todos. Limites por cliente mantêm o serviço utilizável e tornam o abuso lento e visível.',
      fr: 'Un seul client qui se comporte mal — un script qui devine des mots de passe, un spammeur avec un compte volé, un robot défectueux — ne devrait pas pouvoir épuiser un service pour tout le monde. Des limites par client gardent le service utilisable et rendent l’abus lent et visible.',
    },
    question: {
      en: 'Do your public services limit how fast one client can use them (web logins and forms, SMTP connections and submissions, IMAP and SSH logins, XMPP traffic), so that one abuser cannot exhaust them for everyone?',
      es: '¿Limitan sus servicios públicos la velocidad a la que un cliente puede usarlos (accesos y formularios web, conexiones y envíos SMTP, accesos IMAP y SSH, tráfico XMPP), para que una sola persona abusiva no los agote para todos?',
      pt: 'Seus serviços públicos limitam a velocidade com que um cliente pode usá-los (logins e formulários web, conexões e envios SMTP, logins IMAP e SSH, tráfego XMPP), para que uma só pessoa abusiva não os esgote para todos?',
      fr: 'Vos services publics limitent-ils la vitesse à laquelle un client peut les utiliser (connexions et formulaires web, connexions et soumissions SMTP, connexions IMAP et SSH, trafic XMPP), pour qu’un seul abuseur ne puisse pas les épuiser pour tout le monde ?',
    },
    guide: [
      sw('nginx'),
      code('nginx', `
# in http { }: 5 requests a minute per client address, kept in memory only
limit_req_zone $binary_remote_addr zone=login:10m rate=5r/m;
# in server { }
location = /login {
    limit_req zone=login burst=5 nodelay;
    proxy_pass http://127.0.0.1:8080;
}
`),
      sw('Postfix'),
      code('ini', `
# /etc/postfix/main.cf — per client, per minute (clients in mynetworks are exempt)
anvil_rate_time_unit = 60s
smtpd_client_connection_rate_limit = 30
smtpd_client_message_rate_limit = 60
smtpd_client_auth_rate_limit = 10
`),
      sw('Dovecot and SSH (fail2ban)'),
      code('ini', `
# /etc/fail2ban/jail.local
[sshd]
enabled = true

[dovecot]
enabled = true

[postfix-sasl]
enabled = true
`),
      sw('Prosody'),
      code('lua', `
-- mod_limits, in modules_enabled
limits = {
  c2s = { rate = "10kb/s"; burst = "2s" };
  s2sin = { rate = "30kb/s"; burst = "2s" };
}
`),
    ],
    references: [
      ref('nginx: ngx_http_limit_req_module', 'https://nginx.org/en/docs/http/ngx_http_limit_req_module.html'),
      ref('Postfix: anvil rate limits', 'https://www.postfix.org/TUNING_README.html'),
      ref('Prosody: mod_limits', 'https://prosody.im/doc/modules/mod_limits'),
    ],
  },
];
