// Area "reliability": services that stay up, data that survives, and people
// who know what is going on when something breaks.
import { code, p, ref, sw, type PracticeDef } from './types.js';

export const reliability: PracticeDef[] = [
  {
    id: 'dns-redundancy',
    area: 'reliability',
    weight: 2,
    checks: ['DNS-04'],
    title: {
      en: 'Name servers in more than one network',
      es: 'Servidores de nombres en más de una red',
      pt: 'Servidores de nomes em mais de uma rede',
      fr: 'Des serveurs de noms dans plus d’un réseau',
    },
    why: {
      en: 'If all your name servers sit in one network or data centre, one outage — or one seizure, or one attack — makes every service under your domain disappear, even the ones hosted elsewhere.',
      es: 'Si todos sus servidores de nombres están en una sola red o centro de datos, una sola caída —o una incautación, o un ataque— hace desaparecer todos los servicios de su dominio, incluso los alojados en otro lugar.',
      pt: 'Se todos os seus servidores de nomes estão numa só rede ou datacenter, uma única queda — ou uma apreensão, ou um ataque — faz sumir todos os serviços do seu domínio, até os hospedados em outro lugar.',
      fr: 'Si tous vos serveurs de noms sont dans un seul réseau ou centre de données, une seule panne — ou une saisie, ou une attaque — fait disparaître tous les services de votre domaine, même ceux hébergés ailleurs.',
    },
    guide: [
      p({
        en: 'Run or rent at least one secondary name server in another network, ideally in another country. Members of the federation can exchange secondary DNS with each other. The primary sends NOTIFY and allows zone transfers to the secondary only, authenticated with a TSIG key; then list both servers as NS in the zone and at the registrar.',
        es: 'Opere o alquile al menos un servidor de nombres secundario en otra red, idealmente en otro país. Los miembros de la federación pueden intercambiarse DNS secundario. El primario envía NOTIFY y permite transferencias de zona solo al secundario, autenticadas con una clave TSIG; después, declare ambos servidores como NS en la zona y en el registrador.',
        pt: 'Opere ou alugue pelo menos um servidor de nomes secundário em outra rede, de preferência em outro país. Membros da federação podem trocar DNS secundário entre si. O primário envia NOTIFY e permite transferências de zona só para o secundário, autenticadas com uma chave TSIG; depois, declare os dois servidores como NS na zona e no registrador.',
        fr: 'Faites tourner ou louez au moins un serveur de noms secondaire dans un autre réseau, idéalement dans un autre pays. Les membres de la fédération peuvent s’échanger du DNS secondaire. Le primaire envoie des NOTIFY et n’autorise les transferts de zone qu’au secondaire, authentifiés par une clé TSIG ; déclarez ensuite les deux serveurs comme NS dans la zone et chez le bureau d’enregistrement.',
      }),
      sw('Knot DNS (primary)'),
      code('yaml', `
# the key: keymgr -t xfr hmac-sha256
key:
  - id: xfr
    algorithm: hmac-sha256
    secret: <base64 secret>
remote:
  - id: secondary
    address: 203.0.113.53
    key: xfr
acl:
  - id: secondary-xfr
    address: 203.0.113.53
    key: xfr
    action: transfer
zone:
  - domain: example.org
    notify: secondary
    acl: secondary-xfr
`),
      sw('BIND (secondary)'),
      code('text', `
key "xfr" { algorithm hmac-sha256; secret "<base64 secret>"; };
zone "example.org" {
    type secondary;
    primaries { 192.0.2.53 key "xfr"; };
    file "/var/cache/bind/example.org.zone";
};
`),
      sw('PowerDNS (secondary, 4.5 or later)'),
      code('sh', `
# pdns.conf: secondary=yes
pdnsutil create-secondary-zone example.org 192.0.2.53
`),
      code('dns', `
example.org. 3600 IN NS ns1.example.org.
example.org. 3600 IN NS ns.other-member.example.net.
`),
    ],
    references: [
      ref('RFC 2182: Selection and Operation of Secondary DNS Servers', 'https://www.rfc-editor.org/rfc/rfc2182'),
      ref('RFC 8945: Secret Key Transaction Authentication for DNS (TSIG)', 'https://www.rfc-editor.org/rfc/rfc8945'),
    ],
  },
  {
    id: 'mail-mx',
    area: 'reliability',
    weight: 1,
    checks: ['MAIL-01'],
    title: {
      en: 'Mail routing published: MX, or Null MX',
      es: 'Ruta del correo publicada: MX, o MX nulo',
      pt: 'Rota do e-mail publicada: MX, ou MX nulo',
      fr: 'Le routage du courrier publié : MX, ou MX nul',
    },
    why: {
      en: 'Without an MX record senders guess, trying the domain’s own address: mail may reach the wrong machine or bounce late. A domain that never receives mail should say so with a Null MX, so that mail to it fails at once instead of waiting in queues for days.',
      es: 'Sin registro MX, los remitentes adivinan y prueban la dirección del propio dominio: el correo puede llegar a la máquina equivocada o rebotar tarde. Un dominio que nunca recibe correo debería decirlo con un MX nulo, para que el correo hacia él falle enseguida en vez de esperar días en las colas.',
      pt: 'Sem registro MX, os remetentes adivinham e tentam o endereço do próprio domínio: o e-mail pode chegar à máquina errada ou voltar tarde. Um domínio que nunca recebe e-mail deve dizer isso com um MX nulo, para que mensagens para ele falhem na hora em vez de esperar dias nas filas.',
      fr: 'Sans enregistrement MX, les expéditeurs devinent et essaient l’adresse du domaine lui-même : le courrier peut arriver sur la mauvaise machine ou rebondir tardivement. Un domaine qui ne reçoit jamais de courrier devrait le dire avec un MX nul, pour que le courrier vers lui échoue tout de suite au lieu d’attendre des jours dans les files.',
    },
    guide: [
      p({
        en: 'Point MX records at host names that have A and AAAA records — never at an IP address or a CNAME. A backup MX must filter spam as carefully as the main one, or it becomes the spammers’ way in.',
        es: 'Haga que los registros MX apunten a nombres de host con registros A y AAAA, nunca a una dirección IP ni a un CNAME. Un MX de respaldo debe filtrar el spam con el mismo cuidado que el principal, o se convierte en la puerta de entrada del spam.',
        pt: 'Aponte os registros MX para nomes de host que tenham registros A e AAAA — nunca para um endereço IP ou um CNAME. Um MX de reserva precisa filtrar spam com o mesmo cuidado que o principal, senão vira a porta de entrada do spam.',
        fr: 'Faites pointer les enregistrements MX vers des noms d’hôte qui ont des enregistrements A et AAAA — jamais vers une adresse IP ou un CNAME. Un MX de secours doit filtrer le spam aussi soigneusement que le principal, sinon il devient la porte d’entrée des spammeurs.',
      }),
      code('dns', `
example.org.       3600 IN MX   10 mail.example.org.
mail.example.org.  3600 IN A    192.0.2.25
mail.example.org.  3600 IN AAAA 2001:db8::25
`),
      p({
        en: 'For a domain that sends and receives no mail:',
        es: 'Para un dominio que no envía ni recibe correo:',
        pt: 'Para um domínio que não envia nem recebe e-mail:',
        fr: 'Pour un domaine qui n’envoie ni ne reçoit de courrier :',
      }),
      code('dns', `
static.example.org.         3600 IN MX  0 .
static.example.org.         3600 IN TXT "v=spf1 -all"
_dmarc.static.example.org.  3600 IN TXT "v=DMARC1; p=reject"
`),
    ],
    references: [
      ref('RFC 5321 §5: Address Resolution and Mail Handling', 'https://www.rfc-editor.org/rfc/rfc5321#section-5'),
      ref('RFC 7505: A “Null MX” No Service Resource Record', 'https://www.rfc-editor.org/rfc/rfc7505'),
    ],
  },
  {
    id: 'tested-restores',
    area: 'reliability',
    weight: 3,
    checks: [],
    title: {
      en: 'Restores of backups tested',
      es: 'Restauraciones de copias probadas',
      pt: 'Restaurações de backups testadas',
      fr: 'Des restaurations de sauvegardes testées',
    },
    why: {
      en: 'A backup you have never restored is a hope, not a backup. Missing directories, forgotten databases and a lost password to the encrypted repository show up only when you restore — better on a quiet afternoon than after a disaster.',
      es: 'Una copia que nunca ha restaurado es una esperanza, no una copia. Los directorios que faltan, las bases de datos olvidadas y la contraseña perdida del repositorio cifrado solo aparecen al restaurar; mejor una tarde tranquila que después de un desastre.',
      pt: 'Um backup que você nunca restaurou é uma esperança, não um backup. Diretórios faltando, bancos de dados esquecidos e a senha perdida do repositório criptografado só aparecem na restauração — melhor numa tarde tranquila do que depois de um desastre.',
      fr: 'Une sauvegarde jamais restaurée est un espoir, pas une sauvegarde. Les répertoires manquants, les bases de données oubliées et le mot de passe perdu du dépôt chiffré n’apparaissent qu’à la restauration — mieux vaut un après-midi calme qu’un lendemain de catastrophe.',
    },
    question: {
      en: 'In the last six months, have you restored a backup onto a separate machine, checked that the data was complete and usable, and written down how long it took?',
      es: 'En los últimos seis meses, ¿han restaurado una copia en otra máquina, comprobado que los datos estaban completos y eran utilizables, y anotado cuánto tardó?',
      pt: 'Nos últimos seis meses, vocês restauraram um backup em outra máquina, verificaram que os dados estavam completos e utilizáveis, e anotaram quanto tempo levou?',
      fr: 'Dans les six derniers mois, avez-vous restauré une sauvegarde sur une autre machine, vérifié que les données étaient complètes et utilisables, et noté combien de temps cela a pris ?',
    },
    guide: [
      p({
        en: '1. Put a date in the calendar, twice a year, and rotate who does it — the restore must not depend on one person.\n2. Restore onto a scratch machine or virtual machine, never over production.\n3. Check like a user would: count mailboxes, open a few messages, start the application against the restored database, log in.\n4. Write down how long each step took: that is your real recovery time.\n5. Fix what was missing (a directory, a database, a key), update the runbook, and check the repository’s integrity now and then.',
        es: '1. Ponga una fecha en el calendario, dos veces al año, y vaya cambiando quién lo hace: la restauración no debe depender de una persona.\n2. Restaure en una máquina o máquina virtual de pruebas, nunca sobre producción.\n3. Compruebe como lo haría un usuario: cuente buzones, abra algunos mensajes, arranque la aplicación contra la base restaurada, inicie sesión.\n4. Anote cuánto tardó cada paso: ese es su tiempo real de recuperación.\n5. Corrija lo que faltaba (un directorio, una base, una clave), actualice el procedimiento y compruebe de vez en cuando la integridad del repositorio.',
        pt: '1. Marque uma data no calendário, duas vezes por ano, e alterne quem faz — a restauração não pode depender de uma pessoa.\n2. Restaure numa máquina ou máquina virtual de teste, nunca por cima da produção.\n3. Verifique como um usuário faria: conte caixas de correio, abra algumas mensagens, inicie a aplicação com o banco restaurado, faça login.\n4. Anote quanto tempo cada passo levou: esse é o seu tempo real de recuperação.\n5. Corrija o que faltou (um diretório, um banco, uma chave), atualize o procedimento e verifique de vez em quando a integridade do repositório.',
        fr: '1. Inscrivez une date au calendrier, deux fois par an, et alternez qui s’en charge — la restauration ne doit pas dépendre d’une seule personne.\n2. Restaurez sur une machine ou une machine virtuelle d’essai, jamais par-dessus la production.\n3. Vérifiez comme le ferait un usager : comptez les boîtes aux lettres, ouvrez quelques messages, démarrez l’application sur la base restaurée, connectez-vous.\n4. Notez la durée de chaque étape : c’est votre vrai temps de reprise.\n5. Corrigez ce qui manquait (un répertoire, une base, une clé), mettez la procédure à jour, et vérifiez de temps en temps l’intégrité du dépôt.',
      }),
      sw('restic'),
      code('sh', `
restic snapshots
restic restore latest --target /srv/restore-test
restic check --read-data-subset=5%
`),
      sw('BorgBackup'),
      code('sh', `
borg list ssh://backup@backup.example.net/srv/borg/mail
cd /srv/restore-test && borg extract ssh://backup@backup.example.net/srv/borg/mail::<archive>
`),
      sw('PostgreSQL'),
      code('sh', `
createdb restore_test
pg_restore -d restore_test /srv/restore-test/var/backups/mailadmin.dump
`),
    ],
    references: [
      ref('restic: restoring from backup', 'https://restic.readthedocs.io/en/stable/050_restore.html'),
      ref('PostgreSQL: pg_restore', 'https://www.postgresql.org/docs/current/app-pgrestore.html'),
    ],
  },
  {
    id: 'offsite-backups',
    area: 'reliability',
    weight: 3,
    checks: [],
    title: {
      en: 'Off-site backups in another jurisdiction',
      es: 'Copias fuera del sitio en otra jurisdicción',
      pt: 'Backups fora do local em outra jurisdição',
      fr: 'Des sauvegardes hors site dans une autre juridiction',
    },
    why: {
      en: 'A fire, a flood, a provider going bankrupt or a seizure can take your servers and every backup kept in the same place. A copy in another country, under other laws, survives a raid or a legal order in one of them — and if it is encrypted, whoever stores it learns nothing.',
      es: 'Un incendio, una inundación, la quiebra de un proveedor o una incautación pueden llevarse sus servidores y todas las copias guardadas en el mismo lugar. Una copia en otro país, bajo otras leyes, sobrevive a un registro o a una orden judicial en uno de ellos; y si está cifrada, quien la guarda no sabe nada.',
      pt: 'Um incêndio, uma enchente, a falência de um provedor ou uma apreensão podem levar seus servidores e todos os backups guardados no mesmo lugar. Uma cópia em outro país, sob outras leis, sobrevive a uma batida ou a uma ordem judicial em um deles — e, se estiver criptografada, quem a guarda não fica sabendo de nada.',
      fr: 'Un incendie, une inondation, la faillite d’un hébergeur ou une saisie peuvent emporter vos serveurs et toutes les sauvegardes gardées au même endroit. Une copie dans un autre pays, sous d’autres lois, survit à une perquisition ou à une décision de justice dans l’un d’eux — et si elle est chiffrée, qui la stocke n’apprend rien.',
    },
    question: {
      en: 'Is at least one copy of your backups kept off-site, in another jurisdiction than your servers, encrypted with keys only you hold?',
      es: '¿Se guarda al menos una copia de sus copias de seguridad fuera del sitio, en otra jurisdicción que sus servidores, cifrada con claves que solo ustedes tienen?',
      pt: 'Pelo menos uma cópia dos seus backups fica fora do local, em outra jurisdição que não a dos seus servidores, criptografada com chaves que só vocês têm?',
      fr: 'Au moins une copie de vos sauvegardes est-elle gardée hors site, dans une autre juridiction que vos serveurs, chiffrée avec des clés que vous seuls détenez ?',
    },
    guide: [
      p({
        en: '1. Follow the 3-2-1 rule: three copies, on two kinds of storage, one of them elsewhere.\n2. Exchange backup space with another member of the federation in another country — the federation’s resource exchange is there for it.\n3. Encrypt on your side before sending (restic and BorgBackup do). The other member stores only ciphertext.\n4. Make the remote copy **append-only**, so that an intruder on your server cannot delete your history: with BorgBackup, restrict the key on the backup host as below; restic’s rest-server has `--append-only`.\n5. Keep the repository password and key off your servers too: with two people, and on paper in a safe place.',
        es: '1. Siga la regla 3-2-1: tres copias, en dos tipos de soporte, una de ellas en otro lugar.\n2. Intercambie espacio de copias con otro miembro de la federación en otro país; el intercambio de recursos de la federación existe para eso.\n3. Cifre de su lado antes de enviar (restic y BorgBackup lo hacen). El otro miembro solo guarda texto cifrado.\n4. Haga la copia remota **solo de adición**, para que un intruso en su servidor no pueda borrar su historial: con BorgBackup, restrinja la clave en el host de copias como abajo; el rest-server de restic tiene `--append-only`.\n5. Guarde también la contraseña y la clave del repositorio fuera de sus servidores: con dos personas, y en papel en un lugar seguro.',
        pt: '1. Siga a regra 3-2-1: três cópias, em dois tipos de mídia, uma delas em outro lugar.\n2. Troque espaço de backup com outro membro da federação em outro país — a troca de recursos da federação existe para isso.\n3. Criptografe do seu lado antes de enviar (restic e BorgBackup fazem isso). O outro membro guarda só texto cifrado.\n4. Torne a cópia remota **somente de acréscimo**, para que um invasor no seu servidor não possa apagar seu histórico: com o BorgBackup, restrinja a chave no host de backup como abaixo; o rest-server do restic tem `--append-only`.\n5. Guarde também a senha e a chave do repositório fora dos seus servidores: com duas pessoas, e em papel num lugar seguro.',
        fr: '1. Suivez la règle 3-2-1 : trois copies, sur deux types de supports, dont une ailleurs.\n2. Échangez de l’espace de sauvegarde avec un autre membre de la fédération dans un autre pays — l’échange de ressources de la fédération est fait pour cela.\n3. Chiffrez de votre côté avant d’envoyer (restic et BorgBackup le font). L’autre membre ne stocke que du chiffré.\n4. Rendez la copie distante **en ajout seul**, pour qu’un intrus sur votre serveur ne puisse pas effacer votre historique : avec BorgBackup, restreignez la clé sur l’hôte de sauvegarde comme ci-dessous ; le rest-server de restic a `--append-only`.\n5. Gardez aussi le mot de passe et la clé du dépôt hors de vos serveurs : chez deux personnes, et sur papier dans un lieu sûr.',
      }),
      sw('BorgBackup (on the backup host)'),
      code('text', `
# ~backup/.ssh/authorized_keys
command="borg serve --append-only --restrict-to-path /srv/borg/example",restrict ssh-ed25519 AAAA… backup@mail.example.org
`),
      code('sh', `
# on your server, once: keep the exported key off the server
borg key export ssh://backup@backup.example.net/srv/borg/example /root/borg-key.txt
`),
    ],
    references: [
      ref('BorgBackup: hosting repositories (append-only)', 'https://borgbackup.readthedocs.io/en/stable/deployment/hosting-repositories.html'),
      ref('restic rest-server', 'https://github.com/restic/rest-server'),
    ],
  },
  {
    id: 'monitoring-alerting',
    area: 'reliability',
    weight: 3,
    checks: [],
    title: {
      en: 'Monitoring and alerting',
      es: 'Monitorización y alertas',
      pt: 'Monitoramento e alertas',
      fr: 'Supervision et alertes',
    },
    why: {
      en: 'Users should not be the ones who tell you that mail is down. Monitoring from another network sees what users see, and an alert that reaches a person turns a silent failure into a quick fix.',
      es: 'No deberían ser los usuarios quienes le digan que el correo no funciona. La monitorización desde otra red ve lo que ven los usuarios, y una alerta que llega a una persona convierte un fallo silencioso en un arreglo rápido.',
      pt: 'Não deveriam ser os usuários a avisar que o e-mail caiu. O monitoramento a partir de outra rede vê o que os usuários veem, e um alerta que chega a uma pessoa transforma uma falha silenciosa num conserto rápido.',
      fr: 'Ce ne devrait pas être aux usagers de vous dire que le courrier est en panne. Une supervision depuis un autre réseau voit ce que voient les usagers, et une alerte qui atteint une personne transforme une panne silencieuse en réparation rapide.',
    },
    question: {
      en: 'Are your services monitored from outside your own network (web, mail, DNS, XMPP, certificates, disk space), with alerts that reach a person who can act — also at night or at weekends, if you promise that to your users?',
      es: '¿Se monitorizan sus servicios desde fuera de su propia red (web, correo, DNS, XMPP, certificados, espacio en disco), con alertas que llegan a una persona que puede actuar, también de noche o en fin de semana si eso promete a sus usuarios?',
      pt: 'Seus serviços são monitorados de fora da sua própria rede (web, e-mail, DNS, XMPP, certificados, espaço em disco), com alertas que chegam a uma pessoa que pode agir — também à noite ou nos fins de semana, se isso é o que vocês prometem aos usuários?',
      fr: 'Vos services sont-ils supervisés depuis l’extérieur de votre propre réseau (web, courrier, DNS, XMPP, certificats, espace disque), avec des alertes qui atteignent une personne capable d’agir — aussi la nuit ou le week-end, si c’est ce que vous promettez à vos usagers ?',
    },
    guide: [
      p({
        en: 'Small setups do well with Uptime Kuma; larger ones with Prometheus, blackbox_exporter and Alertmanager, or with Zabbix or Icinga. Run the checks from another network — a member of the federation can host them for you, and Hearth’s monitoring uses probes in other members’ networks. Send alerts through a channel that does not depend on your own servers: if your mail server is down, mail alerts do not arrive.',
        es: 'A las instalaciones pequeñas les va bien Uptime Kuma; a las grandes, Prometheus con blackbox_exporter y Alertmanager, o Zabbix o Icinga. Ejecute las comprobaciones desde otra red: un miembro de la federación puede alojarlas, y la monitorización de Hearth usa sondas en las redes de otros miembros. Envíe las alertas por un canal que no dependa de sus propios servidores: si su servidor de correo está caído, las alertas por correo no llegan.',
        pt: 'Instalações pequenas se dão bem com o Uptime Kuma; as maiores, com Prometheus, blackbox_exporter e Alertmanager, ou com Zabbix ou Icinga. Rode as verificações a partir de outra rede — um membro da federação pode hospedá-las, e o monitoramento do Hearth usa sondas nas redes de outros membros. Envie os alertas por um canal que não dependa dos seus próprios servidores: se o seu servidor de e-mail cair, alertas por e-mail não chegam.',
        fr: 'Les petites installations se contentent bien d’Uptime Kuma ; les plus grandes utilisent Prometheus avec blackbox_exporter et Alertmanager, ou Zabbix ou Icinga. Lancez les vérifications depuis un autre réseau — un membre de la fédération peut les héberger, et la supervision de Hearth utilise des sondes dans les réseaux d’autres membres. Envoyez les alertes par un canal qui ne dépend pas de vos propres serveurs : si votre serveur de courrier est en panne, les alertes par courrier n’arrivent pas.',
      }),
      sw('blackbox_exporter'),
      code('yaml', `
# blackbox.yml: SMTP with STARTTLS, as a sending server sees it
modules:
  smtp_starttls:
    prober: tcp
    timeout: 10s
    tcp:
      query_response:
        - expect: "^220 "
        - send: "EHLO monitor.example.net"
        - expect: "^250[ -]STARTTLS"
        - send: "STARTTLS"
        - expect: "^220"
        - starttls: true
        - send: "EHLO monitor.example.net"
        - expect: "^250 "
        - send: "QUIT"
`),
      code('yaml', `
# Prometheus alert rules
- alert: ProbeFailing
  expr: probe_success == 0
  for: 5m
- alert: CertificateExpiresSoon
  expr: probe_ssl_earliest_cert_expiry - time() < 14 * 86400
  for: 1h
`),
    ],
    references: [
      ref('Prometheus blackbox_exporter', 'https://github.com/prometheus/blackbox_exporter'),
      ref('Uptime Kuma', 'https://github.com/louislam/uptime-kuma'),
      ref('Google SRE Book: Monitoring Distributed Systems', 'https://sre.google/sre-book/monitoring-distributed-systems/'),
    ],
  },
  {
    id: 'failover',
    area: 'reliability',
    weight: 2,
    checks: [],
    title: {
      en: 'Failover for critical services',
      es: 'Conmutación por error para los servicios críticos',
      pt: 'Contingência para os serviços críticos',
      fr: 'Une solution de secours pour les services critiques',
    },
    why: {
      en: 'Hardware fails, data centres lose power, providers end contracts. For the services your users depend on most, a second path — a backup MX, a secondary DNS, a replicated database, or a rehearsed move to a spare machine — turns an outage of days into one of minutes or hours.',
      es: 'El hardware falla, los centros de datos se quedan sin luz, los proveedores rescinden contratos. Para los servicios de los que más dependen sus usuarios, una segunda vía —un MX de respaldo, un DNS secundario, una base de datos replicada o un traslado ensayado a una máquina de repuesto— convierte una caída de días en una de minutos u horas.',
      pt: 'O hardware falha, datacenters ficam sem energia, provedores encerram contratos. Para os serviços de que os usuários mais dependem, um segundo caminho — um MX de reserva, um DNS secundário, um banco de dados replicado ou uma mudança ensaiada para uma máquina reserva — transforma uma queda de dias numa de minutos ou horas.',
      fr: 'Le matériel tombe en panne, les centres de données perdent le courant, les hébergeurs résilient des contrats. Pour les services dont vos usagers dépendent le plus, une seconde voie — un MX de secours, un DNS secondaire, une base de données répliquée, ou un déménagement répété vers une machine de rechange — transforme une panne de plusieurs jours en une panne de quelques minutes ou heures.',
    },
    question: {
      en: 'For the services your users depend on most (for example mail reception and DNS), is there a second instance, or a tested plan to bring the service up elsewhere within a stated time?',
      es: 'Para los servicios de los que más dependen sus usuarios (por ejemplo, la recepción de correo y el DNS), ¿hay una segunda instancia, o un plan probado para levantar el servicio en otro lugar en un plazo declarado?',
      pt: 'Para os serviços de que os usuários mais dependem (por exemplo, recepção de e-mail e DNS), existe uma segunda instância, ou um plano testado para subir o serviço em outro lugar dentro de um prazo declarado?',
      fr: 'Pour les services dont vos usagers dépendent le plus (par exemple la réception du courrier et le DNS), existe-t-il une seconde instance, ou un plan testé pour relancer le service ailleurs dans un délai annoncé ?',
    },
    guide: [
      p({
        en: '1. **Decide** which services are critical, how long they may be down (recovery time) and how much data you may lose (recovery point).\n2. **DNS**: secondaries in other networks (see “Name servers in more than one network”).\n3. **Mail reception**: a backup MX queues mail while the main server is away and delivers it when it comes back. It must know the valid recipients, or it will accept spam and bounce it to forged senders.\n4. **Databases**: PostgreSQL streaming replication to a standby, or at least frequent dumps shipped elsewhere.\n5. **Moving a service**: keep TTLs low (300 s) on records you may need to change, and write the move down as a runbook.\n6. **Rehearse** the switch once a year, and note how long it really took.',
        es: '1. **Decida** qué servicios son críticos, cuánto tiempo pueden estar caídos (tiempo de recuperación) y cuántos datos puede perder (punto de recuperación).\n2. **DNS**: secundarios en otras redes (vea «Servidores de nombres en más de una red»).\n3. **Recepción de correo**: un MX de respaldo guarda el correo en cola mientras el servidor principal no está y lo entrega cuando vuelve. Debe conocer los destinatarios válidos, o aceptará spam y lo rebotará a remitentes falsificados.\n4. **Bases de datos**: replicación en streaming de PostgreSQL a un servidor en espera, o al menos volcados frecuentes enviados a otro lugar.\n5. **Mover un servicio**: mantenga TTL bajos (300 s) en los registros que quizá deba cambiar, y escriba el traslado como procedimiento.\n6. **Ensaye** el cambio una vez al año y anote cuánto tardó realmente.',
        pt: '1. **Decida** quais serviços são críticos, quanto tempo podem ficar fora (tempo de recuperação) e quantos dados vocês podem perder (ponto de recuperação).\n2. **DNS**: secundários em outras redes (veja “Servidores de nomes em mais de uma rede”).\n3. **Recepção de e-mail**: um MX de reserva guarda as mensagens em fila enquanto o servidor principal está fora e as entrega quando ele volta. Ele precisa conhecer os destinatários válidos, senão aceitará spam e o devolverá a remetentes falsificados.\n4. **Bancos de dados**: replicação em streaming do PostgreSQL para um servidor em espera, ou pelo menos exportações frequentes enviadas para outro lugar.\n5. **Mover um serviço**: mantenha TTL baixos (300 s) nos registros que talvez precise mudar, e escreva a mudança como procedimento.\n6. **Ensaie** a troca uma vez por ano e anote quanto tempo levou de verdade.',
        fr: '1. **Décidez** quels services sont critiques, combien de temps ils peuvent être indisponibles (durée de reprise) et combien de données vous pouvez perdre (point de reprise).\n2. **DNS** : des secondaires dans d’autres réseaux (voir « Des serveurs de noms dans plus d’un réseau »).\n3. **Réception du courrier** : un MX de secours garde le courrier en file pendant l’absence du serveur principal et le livre à son retour. Il doit connaître les destinataires valides, sinon il acceptera du spam et le renverra à des expéditeurs usurpés.\n4. **Bases de données** : réplication en flux de PostgreSQL vers un serveur de secours, ou au moins des exports fréquents envoyés ailleurs.\n5. **Déplacer un service** : gardez des TTL courts (300 s) sur les enregistrements que vous pourriez devoir changer, et écrivez le déménagement comme une procédure.\n6. **Répétez** la bascule une fois par an, et notez combien de temps elle a vraiment pris.',
      }),
      sw('Postfix (backup MX)'),
      code('ini', `
# /etc/postfix/main.cf on the backup MX
relay_domains = example.org
relay_recipient_maps = hash:/etc/postfix/relay_recipients
maximal_queue_lifetime = 10d
`),
      sw('PostgreSQL (standby)'),
      code('sh', `
# on the standby, once: copy the primary and configure it to follow
pg_basebackup -h db1.example.org -U replicator -D /var/lib/postgresql/16/main -R -X stream -P
`),
    ],
    references: [
      ref('Postfix: configuring a backup MX', 'https://www.postfix.org/STANDARD_CONFIGURATION_README.html#backup'),
      ref('PostgreSQL: log-shipping standby servers', 'https://www.postgresql.org/docs/current/warm-standby.html'),
    ],
  },
  {
    id: 'outage-communication',
    area: 'reliability',
    weight: 1,
    checks: [],
    title: {
      en: 'Users told about outages',
      es: 'Usuarios informados de las caídas',
      pt: 'Usuários informados sobre quedas',
      fr: 'Des usagers informés des pannes',
    },
    why: {
      en: 'When mail or chat is down, people worry — activists may fear seizure or censorship. A status page hosted elsewhere answers “is it just me?”, keeps trust, and saves the team from answering the same question a hundred times.',
      es: 'Cuando el correo o el chat no funcionan, la gente se preocupa; quienes hacen activismo pueden temer una incautación o censura. Una página de estado alojada en otro lugar responde a «¿soy solo yo?», mantiene la confianza y evita al equipo responder cien veces la misma pregunta.',
      pt: 'Quando o e-mail ou o chat caem, as pessoas se preocupam — ativistas podem temer apreensão ou censura. Uma página de status hospedada em outro lugar responde “é só comigo?”, mantém a confiança e poupa a equipe de responder cem vezes a mesma pergunta.',
      fr: 'Quand le courrier ou la discussion sont en panne, les gens s’inquiètent — des militants peuvent craindre une saisie ou une censure. Une page d’état hébergée ailleurs répond à « est-ce que c’est juste moi ? », préserve la confiance et évite à l’équipe de répondre cent fois à la même question.',
    },
    question: {
      en: 'Do you have a way to tell users about outages and maintenance that does not depend on the services that are down (a status page or account hosted elsewhere), and do you use it?',
      es: '¿Tienen una forma de informar a los usuarios de caídas y mantenimientos que no dependa de los servicios caídos (una página de estado o una cuenta alojada en otro lugar), y la usan?',
      pt: 'Vocês têm um meio de informar os usuários sobre quedas e manutenções que não dependa dos serviços fora do ar (uma página de status ou uma conta hospedada em outro lugar), e o usam?',
      fr: 'Avez-vous un moyen d’informer les usagers des pannes et des maintenances qui ne dépend pas des services en panne (une page d’état ou un compte hébergé ailleurs), et l’utilisez-vous ?',
    },
    guide: [
      p({
        en: '1. Host a small static status page **outside your infrastructure** — on another member’s server, for example — at a name that does not depend on your own name servers.\n2. Link to it from your website, your support replies and your welcome mail, so people know it before they need it.\n3. Announce planned maintenance at least 48 hours ahead, in your users’ languages.\n4. During an incident, post when it started, what is affected, and an update at least every hour, even if it is “still working on it”; post when it is over.\n5. After a large outage, publish a short, honest account: what happened, what you changed.\n6. Put “update the status page” into your incident runbook, so it does not depend on who is on duty.',
        es: '1. Aloje una pequeña página de estado estática **fuera de su infraestructura** —en el servidor de otro miembro, por ejemplo— con un nombre que no dependa de sus propios servidores de nombres.\n2. Enlácela desde su web, sus respuestas de soporte y su correo de bienvenida, para que la gente la conozca antes de necesitarla.\n3. Anuncie los mantenimientos previstos con al menos 48 horas de antelación, en los idiomas de sus usuarios.\n4. Durante un incidente, publique cuándo empezó, qué está afectado y una actualización al menos cada hora, aunque sea «seguimos trabajando»; publique cuándo terminó.\n5. Tras una caída grande, publique un relato breve y honesto: qué pasó y qué cambiaron.\n6. Incluya «actualizar la página de estado» en su procedimiento de incidentes, para que no dependa de quién esté de guardia.',
        pt: '1. Hospede uma pequena página de status estática **fora da sua infraestrutura** — no servidor de outro membro, por exemplo — num nome que não dependa dos seus próprios servidores de nomes.\n2. Coloque o link no seu site, nas respostas de suporte e no e-mail de boas-vindas, para que as pessoas a conheçam antes de precisar dela.\n3. Anuncie manutenções programadas com pelo menos 48 horas de antecedência, nos idiomas de quem usa seus serviços.\n4. Durante um incidente, publique quando começou, o que foi afetado e uma atualização pelo menos a cada hora, mesmo que seja “ainda trabalhando nisso”; publique quando terminar.\n5. Depois de uma queda grande, publique um relato curto e honesto: o que aconteceu e o que vocês mudaram.\n6. Coloque “atualizar a página de status” no procedimento de incidentes, para que isso não dependa de quem está de plantão.',
        fr: '1. Hébergez une petite page d’état statique **hors de votre infrastructure** — sur le serveur d’un autre membre, par exemple — sous un nom qui ne dépend pas de vos propres serveurs de noms.\n2. Donnez-en le lien sur votre site, dans vos réponses au support et dans votre courrier de bienvenue, pour que les gens la connaissent avant d’en avoir besoin.\n3. Annoncez les maintenances prévues au moins 48 heures à l’avance, dans les langues de vos usagers.\n4. Pendant un incident, publiez quand il a commencé, ce qui est touché, et une mise à jour au moins toutes les heures, même si c’est « on y travaille toujours » ; publiez quand il est terminé.\n5. Après une grosse panne, publiez un récit court et honnête : ce qui s’est passé, ce que vous avez changé.\n6. Mettez « mettre à jour la page d’état » dans votre procédure d’incident, pour que cela ne dépende pas de la personne de permanence.',
      }),
    ],
    references: [ref('Google SRE Book: Managing Incidents', 'https://sre.google/sre-book/managing-incidents/')],
  },
];
