import type { Command } from './cli.js';

export const exportOrg: Command = {
  summary: 'not yet available',
  usage: 'hearth export-org',
  async run(_args, io) {
    io.stderr.write('hearth: export-org is not yet available\n');
    return 1;
  },
};
