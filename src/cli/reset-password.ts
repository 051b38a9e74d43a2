import type { Command } from './cli.js';

export const resetPassword: Command = {
  summary: 'not yet available',
  usage: 'hearth reset-password',
  async run(_args, io) {
    io.stderr.write('hearth: reset-password is not yet available\n');
    return 1;
  },
};
