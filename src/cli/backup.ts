import type { Command } from './cli.js';

export const backup: Command = {
  summary: 'not yet available',
  usage: 'hearth backup',
  async run(_args, io) {
    io.stderr.write('hearth: backup is not yet available\n');
    return 1;
  },
};
