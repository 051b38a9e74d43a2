import type { Command } from './cli.js';

export const worker: Command = {
  summary: 'not yet available',
  usage: 'hearth worker',
  async run(_args, io) {
    io.stderr.write('hearth: worker is not yet available\n');
    return 1;
  },
};
