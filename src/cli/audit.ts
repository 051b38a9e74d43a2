import type { Command } from './cli.js';

export const audit: Command = {
  summary: 'not yet available',
  usage: 'hearth audit',
  async run(_args, io) {
    io.stderr.write('hearth: audit is not yet available\n');
    return 1;
  },
};
