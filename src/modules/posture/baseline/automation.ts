// Area "automation": what keeps running without someone remembering it —
// certificates, updates, backups — and configuration that can be rebuilt.
import { code, p, ref, sw, type PracticeDef } from './types.js';

export const automation: PracticeDef[] = [
  {
    id: 'cert-renewal',
    area: 'automation',
    weight: 3,
    checks: ['CERT-05'],
    title: {
      en: 'Certificates renewed automatically',
      es: 'Certificados renovados automáticamente',
      pt: 'Certificados renovados automaticamente',
      fr: 'Des certificats renouvelés automatiquement',
    },
    why: {
      en: 'An expired certificate is the most common avoidable outage: browsers refuse the site and other mail servers stop delivering securely. Certificates from Let’s Encrypt last 90 days, and shorter lifetimes are coming, so renewal must not depend on anyone remembering it.',
      es: 'Un certificado caducado es la caída evitable más frecuente: los navegadores rechazan el sitio y otros servidores de correo dejan de entregar de forma segura. Los certificados de Let’s Encrypt duran 90 días, y vienen duraciones más cortas, así que la renovación no puede depender de que alguien se acuerde.',
      pt: 'Um certificado vencido é a queda evitável mais comum: os navegadores recusam o site e outros servidores de e-mail deixam de entregar com segurança. Os certificados da Let’s Encrypt duram 90 dias, e prazos mais curtos estão chegando, então a renovação não pode depender de alguém se lembrar.',
      fr: 'Un certificat expiré est la panne évitable la plus fréquente : les navigateurs refusent le site et les autres serveurs de messagerie cessent de livrer de façon sûre. Les certificats de Let’s Encrypt durent 90 jours, et des durées plus courtes arrivent : le renouvellement ne doit dépendre de la mémoire de personne.',
    },
    guide: [
      p({
        en: 'Whatever ACME client you use, three things must be true: renewal runs on a timer, every service that uses the certificate reloads afterwards, and someone hears about it when renewal fails. Hearth warns org-admins 21 days before a certificate expires — if you get that warning, renewal is not working.',
        es: 'Use el cliente ACME que use, deben cumplirse tres cosas: la renovación se ejecuta con un temporizador, cada servicio que usa el certificado se recarga después, y alguien se entera cuando la renovación falla. Hearth avisa a las org-admins 21 días antes de que caduque un certificado: si recibe ese aviso, la renovación no está funcionando.',
        pt: 'Seja qual for o cliente ACME, três coisas precisam ser verdade: a renovação roda num temporizador, cada serviço que usa o certificado é recarregado depois, e alguém fica sabendo quando a renovação falha. O Hearth avisa as org-admins 21 dias antes de um certificado vencer — se você receber esse aviso, a renovação não está funcionando.',
        fr: 'Quel que soit votre client ACME, trois choses doivent être vraies : le renouvellement tourne sur un minuteur, chaque service qui utilise le certificat est rechargé ensuite, et quelqu’un est prévenu quand le renouvellement échoue. Hearth avertit les org-admins 21 jours avant l’expiration d’un certificat : si vous recevez cet avertissement, le renouvellement ne fonctionne pas.',
      }),
      sw('certbot'),
      code('sh', `
systemctl list-timers | grep certbot      # Debian's package installs a timer
certbot renew --dry-run
`),
      code('sh', `
#!/bin/sh
# /etc/letsencrypt/renewal-hooks/deploy/reload-services (chmod +x): runs after each successful renewal
systemctl reload nginx postfix dovecot
prosodyctl --root cert import /etc/letsencrypt/live
`),
      sw('acme.sh'),
      code('sh', `
# acme.sh installs its own cron job; --install-cert records where to copy and what to reload
acme.sh --install-cert -d example.org \\
  --key-file /etc/ssl/example.org/key.pem \\
  --fullchain-file /etc/ssl/example.org/fullchain.pem \\
  --reloadcmd "systemctl reload nginx"
`),
      sw('Apache (mod_md)'),
      code('apache', `
# Apache 2.4.30 or later manages its certificates itself
MDomain example.org www.example.org
MDCertificateAgreement accepted
<VirtualHost *:443>
    ServerName example.org
    SSLEngine on
</VirtualHost>
`),
      sw('ejabberd'),
      p({
        en: 'ejabberd has its own ACME client (the `acme` option) and renews the certificates of its hosts by itself. If you give it files from certbot instead, add `ejabberdctl reload_config` to the deploy hook.',
        es: 'ejabberd tiene su propio cliente ACME (la opción `acme`) y renueva solo los certificados de sus dominios. Si en su lugar le da archivos de certbot, añada `ejabberdctl reload_config` al gancho de despliegue.',
        pt: 'O ejabberd tem seu próprio cliente ACME (a opção `acme`) e renova sozinho os certificados dos seus domínios. Se, em vez disso, você usar arquivos do certbot, acrescente `ejabberdctl reload_config` ao gancho de implantação.',
        fr: 'ejabberd a son propre client ACME (l’option `acme`) et renouvelle seul les certificats de ses domaines. Si vous lui donnez plutôt des fichiers de certbot, ajoutez `ejabberdctl reload_config` au crochet de déploiement.',
      }),
    ],
    references: [
      ref('RFC 8555: Automatic Certificate Management Environment (ACME)', 'https://www.rfc-editor.org/rfc/rfc8555'),
      ref('Certbot documentation', 'https://eff-certbot.readthedocs.io/'),
      ref('Apache mod_md', 'https://httpd.apache.org/docs/2.4/mod/mod_md.html'),
    ],
  },
  {
    id: 'config-management',
    area: 'automation',
    weight: 2,
    checks: [],
    title: {
      en: 'Configuration kept in version control and applied by a tool',
      es: 'Configuración en control de versiones y aplicada con una herramienta',
      pt: 'Configuração em controle de versão e aplicada por uma ferramenta',
      fr: 'Une configuration versionnée et appliquée par un outil',
    },
    why: {
      en: 'A server configured by hand is a server nobody can rebuild in a hurry — after a break-in, a seizure or a dead disk. Configuration in version control also shows who changed what and why, and lets a second person review a change before it goes live.',
      es: 'Un servidor configurado a mano es un servidor que nadie puede reconstruir con prisa: tras una intrusión, una incautación o un disco muerto. La configuración en control de versiones también muestra quién cambió qué y por qué, y permite que otra persona revise un cambio antes de aplicarlo.',
      pt: 'Um servidor configurado à mão é um servidor que ninguém consegue reconstruir às pressas — depois de uma invasão, uma apreensão ou um disco morto. A configuração em controle de versão também mostra quem mudou o quê e por quê, e permite que outra pessoa revise uma mudança antes de aplicá-la.',
      fr: 'Un serveur configuré à la main est un serveur que personne ne peut reconstruire dans l’urgence — après une intrusion, une saisie ou un disque mort. Une configuration versionnée montre aussi qui a changé quoi et pourquoi, et permet à une seconde personne de relire un changement avant sa mise en service.',
    },
    question: {
      en: 'Is the configuration of your servers kept in version control and applied with a tool (Ansible, Salt, Puppet, NixOS, or at least scripts), so that a server can be rebuilt from it?',
      es: '¿Se guarda la configuración de sus servidores en control de versiones y se aplica con una herramienta (Ansible, Salt, Puppet, NixOS o al menos scripts), de modo que un servidor pueda reconstruirse a partir de ella?',
      pt: 'A configuração dos seus servidores fica em controle de versão e é aplicada por uma ferramenta (Ansible, Salt, Puppet, NixOS ou pelo menos scripts), de modo que um servidor possa ser reconstruído a partir dela?',
      fr: 'La configuration de vos serveurs est-elle versionnée et appliquée par un outil (Ansible, Salt, Puppet, NixOS, ou au moins des scripts), de sorte qu’un serveur puisse être reconstruit à partir d’elle ?',
    },
    guide: [
      p({
        en: 'Start small: put the configuration files you already edit by hand (Postfix, Dovecot, nginx, the DNS zones) into a git repository, and apply them with a short Ansible playbook. Grow it one service at a time.',
        es: 'Empiece poco a poco: ponga en un repositorio git los archivos de configuración que ya edita a mano (Postfix, Dovecot, nginx, las zonas DNS) y aplíquelos con un playbook de Ansible corto. Amplíelo servicio a servicio.',
        pt: 'Comece pequeno: coloque num repositório git os arquivos de configuração que você já edita à mão (Postfix, Dovecot, nginx, as zonas DNS) e aplique-os com um playbook curto do Ansible. Amplie um serviço de cada vez.',
        fr: 'Commencez petit : mettez dans un dépôt git les fichiers de configuration que vous modifiez déjà à la main (Postfix, Dovecot, nginx, les zones DNS) et appliquez-les avec un court playbook Ansible. Étendez-le un service à la fois.',
      }),
      sw('Ansible'),
      code('yaml', `
# site.yml
- hosts: mail
  become: true
  tasks:
    - name: Postfix main.cf from the repository
      ansible.builtin.template:
        src: templates/main.cf.j2
        dest: /etc/postfix/main.cf
        owner: root
        mode: "0644"
      notify: reload postfix
  handlers:
    - name: reload postfix
      ansible.builtin.service:
        name: postfix
        state: reloaded
`),
      code('sh', `
ansible-playbook -i inventory site.yml --check --diff    # what would change
ansible-playbook -i inventory site.yml
`),
      p({
        en: '- Keep secrets out of the repository in plain text: use `ansible-vault` or sops.\n- Make changes through the repository only; a change made by hand on a server is lost at the next run — which is the point.\n- Once a year, build a spare server from the repository alone, and note what was missing.',
        es: '- No guarde secretos en claro en el repositorio: use `ansible-vault` o sops.\n- Haga los cambios solo a través del repositorio; un cambio hecho a mano en un servidor se pierde en la siguiente ejecución, y de eso se trata.\n- Una vez al año, monte un servidor de repuesto solo a partir del repositorio y anote lo que faltaba.',
        pt: '- Não guarde segredos em texto claro no repositório: use `ansible-vault` ou sops.\n- Faça mudanças somente pelo repositório; uma mudança feita à mão num servidor se perde na execução seguinte — e é essa a ideia.\n- Uma vez por ano, monte um servidor reserva só a partir do repositório e anote o que faltou.',
        fr: '- Ne gardez pas de secrets en clair dans le dépôt : utilisez `ansible-vault` ou sops.\n- Ne faites les changements que par le dépôt ; un changement fait à la main sur un serveur est perdu à l’exécution suivante — c’est voulu.\n- Une fois par an, montez un serveur de rechange à partir du seul dépôt, et notez ce qui manquait.',
      }),
    ],
    references: [
      ref('Ansible documentation', 'https://docs.ansible.com/'),
      ref('SOPS: Secrets OPerationS', 'https://github.com/getsops/sops'),
    ],
  },
  {
    id: 'unattended-updates',
    area: 'automation',
    weight: 2,
    checks: [],
    title: {
      en: 'Unattended security updates',
      es: 'Actualizaciones de seguridad automáticas',
      pt: 'Atualizações de segurança automáticas',
      fr: 'Des mises à jour de sécurité automatiques',
    },
    why: {
      en: 'Volunteers have holidays, jobs and lives. Security updates that install themselves close most holes within a day, whoever is around; the people on duty only handle what needs a decision, such as reboots and major upgrades.',
      es: 'Las personas voluntarias tienen vacaciones, trabajos y vidas. Las actualizaciones de seguridad que se instalan solas cierran la mayoría de los agujeros en un día, esté quien esté; las personas de guardia solo se ocupan de lo que requiere una decisión, como reinicios y actualizaciones mayores.',
      pt: 'Pessoas voluntárias têm férias, empregos e vidas. Atualizações de segurança que se instalam sozinhas fecham a maioria dos buracos em um dia, seja quem for que esteja por perto; quem está de plantão só cuida do que exige decisão, como reinicializações e atualizações maiores.',
      fr: 'Les bénévoles ont des vacances, un travail, une vie. Des mises à jour de sécurité qui s’installent seules ferment la plupart des trous en une journée, quelle que soit la personne présente ; la permanence ne traite que ce qui demande une décision, comme les redémarrages et les montées de version.',
    },
    question: {
      en: 'Are security updates installed automatically on every server (unattended-upgrades, dnf-automatic or similar), with someone told when a reboot is needed?',
      es: '¿Se instalan automáticamente las actualizaciones de seguridad en todos los servidores (unattended-upgrades, dnf-automatic o similar), y se avisa a alguien cuando hace falta reiniciar?',
      pt: 'As atualizações de segurança são instaladas automaticamente em todos os servidores (unattended-upgrades, dnf-automatic ou similar), com alguém avisado quando é preciso reiniciar?',
      fr: 'Les mises à jour de sécurité sont-elles installées automatiquement sur chaque serveur (unattended-upgrades, dnf-automatic ou équivalent), avec quelqu’un prévenu quand un redémarrage est nécessaire ?',
    },
    guide: [
      sw('Debian and Ubuntu'),
      code('sh', `
apt install unattended-upgrades apt-listchanges
dpkg-reconfigure -plow unattended-upgrades
`),
      code('text', `
// /etc/apt/apt.conf.d/50unattended-upgrades — tell root (forwarded to the team) when something changed
Unattended-Upgrade::Mail "root";
Unattended-Upgrade::MailReport "on-change";
`),
      p({
        en: 'What was installed is logged in `/var/log/unattended-upgrades/`. When `/var/run/reboot-required` exists, a new kernel or C library waits for a reboot: plan it within your stated update time.',
        es: 'Lo instalado queda registrado en `/var/log/unattended-upgrades/`. Cuando existe `/var/run/reboot-required`, un núcleo o una biblioteca C nuevos esperan un reinicio: prográmelo dentro de su plazo declarado de actualización.',
        pt: 'O que foi instalado fica registrado em `/var/log/unattended-upgrades/`. Quando `/var/run/reboot-required` existe, um novo kernel ou biblioteca C aguarda uma reinicialização: programe-a dentro do prazo declarado de atualização.',
        fr: 'Ce qui a été installé est consigné dans `/var/log/unattended-upgrades/`. Quand `/var/run/reboot-required` existe, un nouveau noyau ou une nouvelle bibliothèque C attend un redémarrage : planifiez-le dans votre délai de mise à jour annoncé.',
      }),
      sw('Fedora, RHEL, AlmaLinux, Rocky'),
      code('sh', `
dnf install dnf-automatic
# /etc/dnf/automatic.conf: upgrade_type = security, apply_updates = yes
systemctl enable --now dnf-automatic.timer
`),
    ],
    references: [
      ref('Debian wiki: UnattendedUpgrades', 'https://wiki.debian.org/UnattendedUpgrades'),
      ref('dnf-automatic', 'https://dnf.readthedocs.io/en/latest/automatic.html'),
    ],
  },
  {
    id: 'automated-backups',
    area: 'automation',
    weight: 3,
    checks: [],
    title: {
      en: 'Backups that run by themselves and are watched',
      es: 'Copias de seguridad que se hacen solas y se vigilan',
      pt: 'Backups que rodam sozinhos e são vigiados',
      fr: 'Des sauvegardes qui tournent seules et sont surveillées',
    },
    why: {
      en: 'A backup that depends on someone starting it stops the week that person is away. A backup that fails silently is found out only when you need it. Daily backups with an alert when one is missing close both gaps.',
      es: 'Una copia que depende de que alguien la inicie se detiene la semana en que esa persona no está. Una copia que falla en silencio solo se descubre cuando se necesita. Las copias diarias con un aviso cuando falta una cierran ambos huecos.',
      pt: 'Um backup que depende de alguém iniciá-lo para na semana em que essa pessoa está fora. Um backup que falha em silêncio só é descoberto quando se precisa dele. Backups diários com um alerta quando algum falta fecham as duas brechas.',
      fr: 'Une sauvegarde qui dépend de quelqu’un pour démarrer s’arrête la semaine où cette personne est absente. Une sauvegarde qui échoue en silence ne se découvre que le jour où on en a besoin. Des sauvegardes quotidiennes avec une alerte quand l’une manque comblent ces deux trous.',
    },
    question: {
      en: 'Do backups of all important data (mailboxes, databases, configuration, keys) run automatically every day, and does someone get an alert when a backup fails or is missing?',
      es: '¿Se hacen automáticamente cada día copias de todos los datos importantes (buzones, bases de datos, configuración, claves), y recibe alguien un aviso cuando una copia falla o falta?',
      pt: 'Os backups de todos os dados importantes (caixas de correio, bancos de dados, configuração, chaves) rodam automaticamente todos os dias, e alguém recebe um alerta quando um backup falha ou não acontece?',
      fr: 'Les sauvegardes de toutes les données importantes (boîtes aux lettres, bases de données, configuration, clés) tournent-elles automatiquement chaque jour, et quelqu’un est-il alerté quand une sauvegarde échoue ou manque ?',
    },
    guide: [
      p({
        en: 'Dump databases to files first (a copy of a running database’s files may not restore), then back up with a tool that encrypts and deduplicates. Keep the repository password somewhere other than the server — otherwise it is lost with the server.',
        es: 'Vuelque primero las bases de datos a archivos (una copia de los archivos de una base en marcha puede no restaurarse) y haga después la copia con una herramienta que cifre y deduplique. Guarde la contraseña del repositorio en otro lugar que el servidor; si no, se pierde con él.',
        pt: 'Exporte primeiro os bancos de dados para arquivos (uma cópia dos arquivos de um banco em funcionamento pode não restaurar) e depois faça o backup com uma ferramenta que criptografe e deduplique. Guarde a senha do repositório em outro lugar que não o servidor — senão ela se perde junto com ele.',
        fr: 'Exportez d’abord les bases de données dans des fichiers (une copie des fichiers d’une base en marche peut ne pas se restaurer), puis sauvegardez avec un outil qui chiffre et déduplique. Gardez le mot de passe du dépôt ailleurs que sur le serveur — sinon il disparaît avec lui.',
      }),
      sw('restic'),
      code('sh', `
#!/bin/sh
# /usr/local/sbin/backup (run by a systemd timer every night)
set -eu
export RESTIC_REPOSITORY=sftp:backup@backup.example.net:/srv/restic/mail
export RESTIC_PASSWORD_FILE=/root/.restic-password
pg_dump -Fc -f /var/backups/mailadmin.dump mailadmin
restic backup /etc /var/vmail /var/backups
restic forget --keep-daily 7 --keep-weekly 5 --keep-monthly 12 --prune
`),
      code('ini', `
# /etc/systemd/system/backup.service
[Unit]
Description=Nightly backup
# notify-admins@.service: a small unit of your own that mails the team
OnFailure=notify-admins@%n.service

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/backup

# /etc/systemd/system/backup.timer
[Timer]
OnCalendar=*-*-* 02:30
Persistent=true

[Install]
WantedBy=timers.target
`),
      p({
        en: '`OnFailure=` catches a failing run; to catch a run that never happened, have your monitoring check the age of the newest snapshot (alert when it is more than 26 hours old):',
        es: '`OnFailure=` detecta una ejecución que falla; para detectar una que nunca ocurrió, haga que su monitorización compruebe la antigüedad de la instantánea más reciente (aviso si tiene más de 26 horas):',
        pt: '`OnFailure=` pega uma execução que falha; para pegar uma que nunca aconteceu, faça seu monitoramento verificar a idade do snapshot mais recente (alerta se tiver mais de 26 horas):',
        fr: '`OnFailure=` attrape une exécution en échec ; pour attraper une exécution qui n’a jamais eu lieu, faites vérifier par votre supervision l’âge de l’instantané le plus récent (alerte au-delà de 26 heures) :',
      }),
      code('sh', `
restic snapshots --latest 1 --json | jq -r '.[0].time'
`),
      sw('BorgBackup'),
      code('sh', `
borg create --stats ssh://backup@backup.example.net/srv/borg/mail::'{hostname}-{now}' /etc /var/vmail /var/backups
borg prune --keep-daily 7 --keep-weekly 5 --keep-monthly 12 ssh://backup@backup.example.net/srv/borg/mail
`),
    ],
    references: [
      ref('restic documentation', 'https://restic.readthedocs.io/'),
      ref('BorgBackup documentation', 'https://borgbackup.readthedocs.io/'),
    ],
  },
  {
    id: 'runbooks',
    area: 'automation',
    weight: 2,
    checks: [],
    title: {
      en: 'Documented runbooks',
      es: 'Procedimientos documentados',
      pt: 'Procedimentos documentados',
      fr: 'Des procédures documentées',
    },
    why: {
      en: 'Knowledge that lives in one person’s head leaves with that person. Written procedures let a newer member handle a task at night, and they are the first step towards automating it.',
      es: 'El conocimiento que vive en la cabeza de una persona se va con ella. Los procedimientos escritos permiten que alguien más nuevo resuelva una tarea de noche, y son el primer paso para automatizarla.',
      pt: 'O conhecimento que vive na cabeça de uma pessoa vai embora com ela. Procedimentos escritos permitem que alguém mais novo resolva uma tarefa à noite, e são o primeiro passo para automatizá-la.',
      fr: 'Un savoir qui vit dans la tête d’une seule personne part avec elle. Des procédures écrites permettent à un membre plus récent de traiter une tâche la nuit, et sont le premier pas vers son automatisation.',
    },
    question: {
      en: 'Are your routine and emergency procedures (adding a user, renewing a certificate by hand, restoring from backup, moving a service, a full mail queue) written down where the whole team can find them — also when your own services are down?',
      es: '¿Están por escrito sus procedimientos habituales y de emergencia (dar de alta a un usuario, renovar un certificado a mano, restaurar una copia, mover un servicio, una cola de correo llena) donde todo el equipo pueda encontrarlos, también cuando sus propios servicios están caídos?',
      pt: 'Seus procedimentos de rotina e de emergência (criar um usuário, renovar um certificado à mão, restaurar um backup, mover um serviço, uma fila de e-mail cheia) estão escritos onde toda a equipe possa encontrá-los — também quando seus próprios serviços estão fora do ar?',
      fr: 'Vos procédures courantes et d’urgence (ajouter un usager, renouveler un certificat à la main, restaurer une sauvegarde, déplacer un service, une file de courrier pleine) sont-elles écrites là où toute l’équipe peut les trouver — y compris quand vos propres services sont en panne ?',
    },
    guide: [
      p({
        en: '1. Keep runbooks in a git repository or wiki, **and a copy outside your own infrastructure**: a clone on each admin’s laptop, or a printed copy. The wiki is often down exactly when you need it.\n2. Start with the five most frequent tasks and the three worst emergencies.\n3. Write each as commands to copy, not as an essay, using the template below.\n4. Whoever uses a runbook fixes what was wrong in it the same day.',
        es: '1. Guarde los procedimientos en un repositorio git o una wiki, **y una copia fuera de su propia infraestructura**: un clon en el portátil de cada admin, o una copia impresa. La wiki suele estar caída justo cuando se la necesita.\n2. Empiece por las cinco tareas más frecuentes y las tres peores emergencias.\n3. Escriba cada una como órdenes para copiar, no como un ensayo, con la plantilla de abajo.\n4. Quien usa un procedimiento corrige ese mismo día lo que estaba mal.',
        pt: '1. Guarde os procedimentos num repositório git ou numa wiki, **e uma cópia fora da sua própria infraestrutura**: um clone no notebook de cada admin, ou uma cópia impressa. A wiki costuma estar fora do ar justamente quando se precisa dela.\n2. Comece pelas cinco tarefas mais frequentes e pelas três piores emergências.\n3. Escreva cada uma como comandos para copiar, não como um ensaio, usando o modelo abaixo.\n4. Quem usa um procedimento corrige no mesmo dia o que estava errado.',
        fr: '1. Gardez les procédures dans un dépôt git ou un wiki, **avec une copie hors de votre propre infrastructure** : un clone sur l’ordinateur de chaque admin, ou une copie imprimée. Le wiki est souvent en panne justement quand on en a besoin.\n2. Commencez par les cinq tâches les plus fréquentes et les trois pires urgences.\n3. Écrivez chacune comme des commandes à copier, pas comme un essai, avec le modèle ci-dessous.\n4. Qui utilise une procédure corrige le jour même ce qui était faux.',
      }),
      code('markdown', `
# Restore one mailbox from backup
When: a user deleted mail and asks for it back.
Needs: SSH to mail1, the restic password (team vault, entry "restic mail").
Steps:
1. restic -r sftp:backup@backup.example.net:/srv/restic/mail snapshots --path /var/vmail
2. restic … restore <snapshot> --target /tmp/restore --include /var/vmail/example.org/alex
3. doveadm import -u alex@example.org maildir:/tmp/restore/var/vmail/example.org/alex/Maildir Restored all
Check: the user sees a folder "Restored".
Undo: doveadm mailbox delete -u alex@example.org -r Restored
`),
    ],
    references: [ref('Google SRE Workbook: On-call and playbooks', 'https://sre.google/workbook/on-call/')],
  },
];
